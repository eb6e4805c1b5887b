import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An inline "[n]" in a reply: a button that brings source n of the same reply
 * into view, opens its excerpt and moves focus there. (Not a link: in browser
 * mode the address's fragment carries the session token.)
 */
export function Citation({ n, children }: { n: number; children: ReactNode }) {
  const { t } = useTranslation();
  function show(e: React.MouseEvent<HTMLButtonElement>) {
    const item = e.currentTarget.closest('[data-testid="message-row"]')?.querySelector<HTMLElement>(`[data-testid="reply-source"][data-n="${n}"]`);
    const toggle = item?.querySelector<HTMLButtonElement>('[data-testid="reply-source-toggle"]');
    if (!item || !toggle) return;
    if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
    item.scrollIntoView?.({ block: 'nearest' });
    toggle.focus();
  }
  return (
    <button type="button" className="citation" onClick={show} aria-label={t('documents.sources.cite', { n })} data-testid="citation" data-n={n}>
      {children}
    </button>
  );
}
