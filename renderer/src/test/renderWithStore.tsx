import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import { bindClient, createHearthStore } from '../store/createHearthStore.js';
import { StoreProvider } from '../store/StoreContext.js';
import type { HearthStore } from '../store/types.js';
import type { FakeClient } from '../transport/fakeClient.js';

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

/** Renders UI over a fresh store bound to the given fake client. */
export function renderWithStore(ui: ReactElement, client: FakeClient, prepare?: (store: HearthStore) => void) {
  const store = createHearthStore(client);
  bindClient(store, client);
  prepare?.(store);
  const result = render(<StoreProvider store={store}>{ui}</StoreProvider>);
  return { ...result, store };
}
