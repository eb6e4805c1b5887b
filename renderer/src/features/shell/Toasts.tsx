import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { IconButton } from '../../components/IconButton.js';
import { useHearth } from '../../store/StoreContext.js';
import type { Toast } from '../../store/uiSlice.js';

const LIFETIME_MS = { info: 5000, error: 12_000 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useHearth((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-kind={toast.kind} data-code={toast.code ?? undefined}>
      <p>{toast.message}</p>
      <IconButton icon="x" label={t('toast.dismiss')} testId="toast-dismiss" onClick={() => dismiss(toast.id)} />
    </div>
  );
}

export function Toasts() {
  const { t } = useTranslation();
  const toasts = useHearth((s) => s.toasts);
  return (
    <div className="toasts" aria-label={t('toast.region')}>
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
