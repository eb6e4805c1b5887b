import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { useHearth } from '../../store/StoreContext.js';

/**
 * Imports a GGUF: the OS file dialog in Electron (models.pickFile), a typed
 * path in browser mode. Copy puts the file in Hearth's data folder; link uses
 * it where it is.
 */
export function ImportModelForm({ onImported }: { onImported?: () => void }) {
  const { t } = useTranslation();
  const shell = useHearth((s) => s.appInfo?.shell ?? null);
  const importing = useHearth((s) => s.importing);
  const importModel = useHearth((s) => s.importModel);
  const pickModelFile = useHearth((s) => s.pickModelFile);
  const [path, setPath] = useState('');
  const [mode, setMode] = useState<'copy' | 'link'>('link');
  const id = useId();
  const electron = shell === 'electron';

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!path.trim()) return;
    if (await importModel(path.trim(), mode)) {
      setPath('');
      onImported?.();
    }
  }

  return (
    <form className="form import-form" onSubmit={(e) => void submit(e)}>
      <div className="import-path-row">
        <label className="field field-grow" htmlFor={`${id}-path`}>
          <span>{electron ? t('import.file') : t('import.path')}</span>
          <input
            id={`${id}-path`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={electron ? t('import.choosePlaceholder') : t('import.pathPlaceholder')}
            readOnly={electron}
            spellCheck={false}
            dir="ltr"
            data-testid="import-path-input"
          />
        </label>
        {electron && (
          <button
            type="button"
            className="button"
            onClick={async () => {
              const picked = await pickModelFile();
              if (picked) setPath(picked);
            }}
            data-testid="import-pick-button"
          >
            <Icon name="folder" /> {t('import.choose')}
          </button>
        )}
      </div>
      <fieldset className="radio-row">
        <legend>{t('import.how')}</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'link'} onChange={() => setMode('link')} data-testid="import-mode-link" />
          <Trans i18nKey="import.link" components={{ small: <small /> }} />
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'copy'} onChange={() => setMode('copy')} data-testid="import-mode-copy" />
          <Trans i18nKey="import.copy" components={{ small: <small /> }} />
        </label>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={!path.trim() || importing} data-testid="import-button">
        {importing ? t('import.importing') : t('import.button')}
      </button>
    </form>
  );
}
