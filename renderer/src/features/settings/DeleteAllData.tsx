import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog.js';
import { useHearth } from '../../store/StoreContext.js';

const WORD = 'DELETE';

/** Deletes every chat and setting (and optionally the models) after the user types DELETE. */
export function DeleteAllData() {
  const { t } = useTranslation();
  const deleteAllData = useHearth((s) => s.deleteAllData);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [includeModels, setIncludeModels] = useState(false);
  const [busy, setBusy] = useState(false);

  function close() {
    setOpen(false);
    setTyped('');
    setIncludeModels(false);
  }

  async function confirm(e: React.FormEvent) {
    e.preventDefault();
    if (typed !== WORD || busy) return;
    setBusy(true);
    const r = await deleteAllData(includeModels);
    setBusy(false);
    if (r) close();
  }

  return (
    <>
      <button type="button" className="button button-danger" onClick={() => setOpen(true)} data-testid="delete-all-button">
        {t('settings.deleteAll.button')}
      </button>
      {open && (
        <Dialog title={t('settings.deleteAll.title')} onClose={close} testId="delete-all-dialog" initialFocusSelector="[data-testid=delete-all-confirm-input]">
          <form className="form" onSubmit={(e) => void confirm(e)}>
            <p>{t('settings.deleteAll.body')}</p>
            <label className="checkbox">
              <input type="checkbox" checked={includeModels} onChange={(e) => setIncludeModels(e.target.checked)} data-testid="delete-all-include-models" />
              {t('settings.deleteAll.includeModels')}
            </label>
            <label className="field">
              <span>
                {/* The word stays DELETE in every language: main checks it (data.deleteAll's confirm). */}
                <Trans i18nKey="settings.deleteAll.typeToConfirm" values={{ word: WORD }} components={{ b: <strong /> }} />
              </span>
              <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} data-testid="delete-all-confirm-input" />
            </label>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={close}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="button button-danger" disabled={typed !== WORD || busy} data-testid="delete-all-confirm-button">
                {busy ? t('settings.deleteAll.deleting') : t('settings.deleteAll.confirm')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
