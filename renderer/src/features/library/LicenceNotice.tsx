import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../../../main/contract/index.js';

interface LicenceNoticeProps {
  item: Pick<CatalogItem, 'name' | 'licence' | 'licenceNotice'>;
  /** Set while the person is being asked: the notice gains the explicit "Accept and download" step. */
  asking: boolean;
  onAccept(): void;
  onCancel(): void;
}

/**
 * A licence that restricts use (Gemma Terms of Use, Qwen Research License),
 * shown on the card before any download; the download button first opens
 * this step, and only "Accept and download" starts it (with acceptLicence,
 * which the downloads service requires for such an entry).
 */
export function LicenceNotice({ item, asking, onAccept, onCancel }: LicenceNoticeProps) {
  const { t } = useTranslation();
  const notice = item.licenceNotice;
  if (!notice) return null;
  return (
    <div className="licence-notice" role={asking ? 'alertdialog' : 'note'} aria-label={t('catalog.licenceNotice.label', { name: item.name, defaultValue: 'Licence of {{name}}' })} data-testid="licence-notice">
      <p>
        <strong>{item.licence ?? t('catalog.licence')}</strong>: {notice.text}
        {notice.url && (
          <>
            {' '}
            <a href={notice.url} target="_blank" rel="noreferrer noopener" data-testid="licence-url">
              {t('catalog.licenceNotice.readTerms', { defaultValue: 'Read the terms' })}
            </a>
          </>
        )}
      </p>
      {asking && (
        <div className="licence-actions">
          <button type="button" className="button button-primary" onClick={onAccept} data-testid="licence-accept">
            {t('catalog.licenceNotice.accept', { defaultValue: 'Accept and download' })}
          </button>
          <button type="button" className="button" onClick={onCancel} data-testid="licence-cancel">
            {t('common.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
