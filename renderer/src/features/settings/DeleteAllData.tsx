import { useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { useHearth } from '../../store/StoreContext.js';

const WORD = 'DELETE';

/** Deletes every chat and setting (and optionally the models) after the user types DELETE. */
export function DeleteAllData() {
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
        Delete all my data…
      </button>
      {open && (
        <Dialog title="Delete all your data?" onClose={close} testId="delete-all-dialog" initialFocusSelector="[data-testid=delete-all-confirm-input]">
          <form className="form" onSubmit={(e) => void confirm(e)}>
            <p>Every chat and message is deleted and the settings are reset. This cannot be undone.</p>
            <label className="checkbox">
              <input type="checkbox" checked={includeModels} onChange={(e) => setIncludeModels(e.target.checked)} data-testid="delete-all-include-models" />
              Also delete the models (copied model files and linked originals are removed from disk)
            </label>
            <label className="field">
              <span>
                Type <strong>{WORD}</strong> to confirm
              </span>
              <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} data-testid="delete-all-confirm-input" />
            </label>
            <div className="dialog-actions">
              <button type="button" className="button" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="button button-danger" disabled={typed !== WORD || busy} data-testid="delete-all-confirm-button">
                {busy ? 'Deleting…' : 'Delete everything'}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
