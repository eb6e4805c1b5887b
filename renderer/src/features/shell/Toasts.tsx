import { useEffect } from 'react';
import { IconButton } from '../../components/IconButton.js';
import { useHearth } from '../../store/StoreContext.js';
import type { Toast } from '../../store/uiSlice.js';

const LIFETIME_MS = { info: 5000, error: 12_000 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useHearth((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-kind={toast.kind} data-code={toast.code ?? undefined}>
      <p>{toast.message}</p>
      <IconButton icon="x" label="Dismiss" testId="toast-dismiss" onClick={() => dismiss(toast.id)} />
    </div>
  );
}

export function Toasts() {
  const toasts = useHearth((s) => s.toasts);
  return (
    <div className="toasts" aria-label="Notifications">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
