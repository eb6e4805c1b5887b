import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { HearthState, HearthStore } from './types.js';

const StoreContext = createContext<HearthStore | null>(null);

export function StoreProvider({ store, children }: { store: HearthStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useHearthStore(): HearthStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useHearth must be used inside <StoreProvider>.');
  return store;
}

/** Selects from the store; components re-render only when what they select changes. */
export function useHearth<T>(selector: (state: HearthState) => T): T {
  return useStore(useHearthStore(), selector);
}
