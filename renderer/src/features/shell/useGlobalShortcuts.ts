import { useEffect } from 'react';
import { useHearthStore } from '../../store/StoreContext.js';

/** Ctrl/Cmd+K: search chats. Ctrl/Cmd+Shift+O: new chat. */
export function useGlobalShortcuts(): void {
  const store = useHearthStore();
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      if (e.key.toLowerCase() === 'k' && !e.shiftKey) {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('[data-testid=chat-search]')?.focus();
      } else if (e.key.toLowerCase() === 'o' && e.shiftKey) {
        e.preventDefault();
        store.getState().newChat();
        requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('[data-testid=composer-input]')?.focus());
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
