import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.js';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Resolve true to close; false keeps the dialog open (the error is already a toast). */
  onConfirm: () => Promise<boolean> | boolean;
  onClose: () => void;
  danger?: boolean;
  confirmDisabled?: boolean;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, danger, confirmDisabled }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    const ok = await onConfirm();
    setBusy(false);
    if (ok) onClose();
  }
  return (
    <Dialog title={title} onClose={onClose} testId="confirm-dialog" initialFocusSelector="[data-testid=cancel-button]">
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} data-testid="cancel-button">
          {t('common.cancel')}
        </button>
        <button type="button" className={`button ${danger ? 'button-danger' : 'button-primary'}`} onClick={() => void confirm()} disabled={busy || confirmDisabled} data-testid="confirm-button">
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
