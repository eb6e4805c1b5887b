import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { useHearth } from '../../store/StoreContext.js';
import { ModelCard } from './ModelCard.js';

/** The card of the store's current record, as the library page renders it. */
function Card({ id }: { id: string }) {
  const model = useHearth((s) => s.models.find((m) => m.id === id));
  return model ? <ModelCard model={model} /> : null;
}

describe('ModelCard for a model whose load crashed the engine', () => {
  it('shows the reason, will not load it, and offers Verify, which clears the mark when the file passes', async () => {
    const backend = createFakeBackend([makeModel({ id: 'crashy', name: 'Crashy', broken: 'ENGINE_CRASHED: the engine stopped (SIGABRT)' })]);
    backend.library.verify.set('crashy', { modelId: 'crashy', ok: true, sha256: 'ab'.repeat(32), expectedSha256: 'ab'.repeat(32), sizeBytes: 1 });
    // The server clears the mark on a passing verify; the list then says so.
    backend.client.handle('models.verify', () => {
      // A new list (the store holds the old one), as the wire would give.
      backend.models = [{ ...backend.models[0]!, broken: null }];
      return backend.library.verify.get('crashy')!;
    });
    const view = renderWithStore(<Card id="crashy" />, backend.client);
    await act(() => view.store.getState().loadModels());

    expect(screen.getByTestId('model-broken').textContent).toContain('SIGABRT');
    expect(screen.getByTestId('model-load-button')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('model-broken-verify'));
    await waitFor(() => expect(screen.queryByTestId('model-broken')).toBeNull());
    expect(screen.getByTestId('model-load-button')).toHaveProperty('disabled', false);
  });

  it('shows no broken line for a healthy model', async () => {
    const backend = createFakeBackend([makeModel({ id: 'fine', name: 'Fine' })]);
    const view = renderWithStore(<Card id="fine" />, backend.client);
    await act(() => view.store.getState().loadModels());
    expect(screen.getByTestId('model-card')).toBeTruthy();
    expect(screen.queryByTestId('model-broken')).toBeNull();
  });
});
