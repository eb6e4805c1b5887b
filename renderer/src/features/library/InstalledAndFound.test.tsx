import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeModel } from '../../test/fixtures.js';
import { makeFound } from '../../test/libraryFixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { LibraryPage } from './LibraryPage.js';

const HASH = 'a'.repeat(64);

describe('Installed models', () => {
  it('verifies a file on request and shows whether it matches', async () => {
    const backend = createFakeBackend([makeModel({ id: 'qwen', name: 'Qwen 0.5B' }), makeModel({ id: 'llama', name: 'Llama 1B' })]);
    backend.library.verify.set('qwen', { modelId: 'qwen', ok: true, sha256: HASH, expectedSha256: HASH, sizeBytes: 10 });
    backend.library.verify.set('llama', { modelId: 'llama', ok: false, sha256: 'b'.repeat(64), expectedSha256: HASH, sizeBytes: 10 });
    const { store } = renderWithStore(<LibraryPage />, backend.client);
    await act(() => store.getState().loadModels());
    const [qwen, llama] = await screen.findAllByTestId('model-card');
    fireEvent.click(within(qwen!).getByRole('button', { name: 'Verify the file of Qwen 0.5B' }));
    await waitFor(() => expect(within(qwen!).getByTestId('model-verify-result').dataset.result).toBe('ok'));
    expect(within(qwen!).getByTestId('model-verify-result').textContent).toContain('intact');
    fireEvent.click(within(llama!).getByTestId('model-verify-button'));
    await waitFor(() => expect(within(llama!).getByTestId('model-verify-result').dataset.result).toBe('mismatch'));
    expect(within(llama!).getByTestId('model-verify-result').textContent).toContain('expected aaaaaaaaaaaa…');
    expect(backend.client.callsTo('models.verify')).toEqual([{ modelId: 'qwen' }, { modelId: 'llama' }]);
  });

  it('shows the cache totals', async () => {
    const backend = createFakeBackend();
    renderWithStore(<LibraryPage />, backend.client);
    expect((await screen.findByTestId('cache-info')).textContent).toBe('Model cache: 2.3 GB in 2 files · 112 GB free on the disk · /data/hearth/models');
  });
});

describe('Found on this computer', () => {
  it('lists models from other apps and links one in place with "Use in Hearth"', async () => {
    const backend = createFakeBackend();
    const path = '/home/me/.lmstudio/models/lmstudio-community/Llama-3.2-1B-Instruct-GGUF/Llama-3.2-1B-Instruct-Q4_K_M.gguf';
    backend.library.found = [makeFound({ path }), makeFound({ path: '/home/me/.ollama/models/blobs/sha256-abc', app: 'ollama', name: 'qwen2.5:0.5b', modelId: 'already' })];
    backend.client.handle('models.add', ({ path: p }) => {
      backend.library.found[0] = { ...backend.library.found[0]!, modelId: 'llama-linked' };
      const model = makeModel({ id: 'llama-linked', path: p });
      backend.models.push(model);
      return model;
    });
    renderWithStore(<LibraryPage />, backend.client);
    const items = await screen.findAllByTestId('found-model');
    expect(items.map((i) => within(i).getByText(/LM Studio|Ollama/).textContent)).toEqual(['LM Studio', 'Ollama']);
    expect(within(items[1]!).getByTestId('found-in-hearth')).toBeTruthy();
    fireEvent.click(within(items[0]!).getByRole('button', { name: 'Use lmstudio-community/Llama-3.2-1B-Instruct-GGUF in Hearth' }));
    await waitFor(() => expect(backend.client.callsTo('models.add')).toEqual([{ path, mode: 'link' }]));
    await waitFor(() => expect(within(screen.getAllByTestId('found-model')[0]!).getByTestId('found-in-hearth')).toBeTruthy());
    await waitFor(() => expect(screen.getAllByTestId('model-card')).toHaveLength(1));
    expect(backend.client.callsTo('models.scan')).toHaveLength(2);
  });
});
