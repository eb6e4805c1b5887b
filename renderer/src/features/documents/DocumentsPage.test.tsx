import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeDocuments, makeCollection, makeDocSource } from '../../test/fakeDocuments.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { DocumentsPage } from './DocumentsPage.js';

async function setup() {
  const backend = createFakeBackend();
  const docs = installFakeDocuments(backend.client, [makeCollection({ id: 'd1', name: 'Manuals', indexedFiles: 12, skippedFiles: 2, chunks: 340, textBytes: 2_500_000 })]);
  docs.sources.d1 = [
    makeDocSource({ id: 1, collectionId: 'd1', path: '/home/u/Manuals/boiler.md', chunkCount: 7 }),
    makeDocSource({ id: 2, collectionId: 'd1', path: '/home/u/Manuals/locked.pdf', status: 'skipped', skipReason: 'encrypted: the PDF needs a password', chunkCount: 0 }),
  ];
  const view = renderWithStore(<DocumentsPage />, backend.client);
  await screen.findByTestId('doc-collection');
  return { ...view, backend, docs, card: () => screen.getByTestId('doc-collection') };
}

describe('DocumentsPage', () => {
  it('lists collections with their counts', async () => {
    const { card } = await setup();
    expect(within(card()).getByRole('heading', { name: 'Manuals' })).toBeTruthy();
    expect(within(card()).getByTestId('doc-count-files').textContent).toContain('12');
    expect(within(card()).getByTestId('doc-count-skipped').textContent).toContain('2');
    expect(within(card()).getByTestId('doc-count-chunks').textContent).toContain('340');
    expect(within(card()).getByTestId('doc-count-text').textContent).toMatch(/2(\.\d)? MB/);
    expect(within(card()).getByTestId('doc-root').textContent).toContain('/home/u/Manuals');
  });

  it('creates a collection from pasted absolute paths, and refuses a relative one without calling main', async () => {
    const { backend } = await setup();
    fireEvent.change(screen.getByTestId('doc-create-name'), { target: { value: 'Notes' } });
    fireEvent.change(screen.getByTestId('doc-create-paths'), { target: { value: 'notes/today.md' } });
    fireEvent.click(screen.getByTestId('doc-create-submit'));
    expect((await screen.findByTestId('doc-create-error')).textContent).toContain('notes/today.md');
    expect(backend.client.callsTo('documents.create')).toHaveLength(0);
    fireEvent.change(screen.getByTestId('doc-create-paths'), { target: { value: '"/home/u/Notes"\n\n/home/u/todo.txt\n' } });
    fireEvent.click(screen.getByTestId('doc-create-submit'));
    await waitFor(() => expect(backend.client.callsTo('documents.create')).toEqual([{ name: 'Notes', paths: ['/home/u/Notes', '/home/u/todo.txt'] }]));
    await waitFor(() => expect(screen.getAllByTestId('doc-collection').map((c) => c.dataset.name)).toEqual(['Manuals', 'Notes']));
    expect((screen.getByTestId('doc-create-name') as HTMLInputElement).value).toBe('');
  });

  it('the desktop app picks folders in its dialog into the paths; browser mode has no such button', async () => {
    const { backend, store } = await setup();
    expect(screen.queryByTestId('doc-pick-folders')).toBeNull();
    backend.client.handle('documents.pickPaths', () => ({ paths: ['/home/u/Notes', '/home/u/Papers'] }));
    act(() => store.setState({ appInfo: { version: '0.1.0', dataDir: '/data', platform: 'linux', shell: 'electron' } }));
    fireEvent.change(screen.getByTestId('doc-create-paths'), { target: { value: '/home/u/Notes' } });
    fireEvent.click(screen.getByTestId('doc-pick-folders'));
    await waitFor(() => expect((screen.getByTestId('doc-create-paths') as HTMLTextAreaElement).value).toBe('/home/u/Notes\n/home/u/Papers'));
  });

  it('shows the files with the reason each skipped one was skipped, and removes a path', async () => {
    const { card, backend } = await setup();
    const toggle = within(card()).getByTestId('doc-files-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const files = await within(card()).findAllByTestId('doc-file');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const skipped = files.find((f) => f.dataset.status === 'skipped')!;
    expect(within(skipped).getByTestId('doc-file-reason').textContent).toContain('encrypted: the PDF needs a password');
    fireEvent.click(within(files.find((f) => f.dataset.status === 'indexed')!).getByTestId('doc-file-remove'));
    await waitFor(() => expect(backend.client.callsTo('documents.removePath')).toEqual([{ collectionId: 'd1', path: '/home/u/Manuals/boiler.md' }]));
    await waitFor(() => expect(within(card()).getAllByTestId('doc-file')).toHaveLength(1));
  });

  it('adds a folder, and syncs', async () => {
    const { card, backend } = await setup();
    fireEvent.change(within(card()).getByTestId('doc-add-path-input'), { target: { value: '/home/u/More' } });
    fireEvent.click(within(card()).getByTestId('doc-add-path-button'));
    await waitFor(() => expect(backend.client.callsTo('documents.addPaths')).toEqual([{ collectionId: 'd1', paths: ['/home/u/More'] }]));
    await waitFor(() => expect(within(card()).getAllByTestId('doc-root').map((r) => r.dataset.path)).toEqual(['/home/u/Manuals', '/home/u/More']));
    fireEvent.click(within(card()).getByTestId('doc-sync'));
    await waitFor(() => expect(backend.client.callsTo('documents.sync')).toEqual([{ collectionId: 'd1' }]));
  });

  it('removes a collection only after confirmation', async () => {
    const { card, backend } = await setup();
    fireEvent.click(within(card()).getByTestId('doc-remove'));
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByTestId('cancel-button'));
    expect(backend.client.callsTo('documents.remove')).toHaveLength(0);
    expect(screen.getByTestId('doc-collection')).toBeTruthy();
    fireEvent.click(within(card()).getByTestId('doc-remove'));
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByTestId('confirm-button'));
    await waitFor(() => expect(backend.client.callsTo('documents.remove')).toEqual([{ collectionId: 'd1' }]));
    expect(await screen.findByTestId('doc-empty')).toBeTruthy();
  });

  it('shows live indexing progress with the current file, cancels, and hides it when indexing ends', async () => {
    const { card, backend } = await setup();
    act(() => backend.client.emit('documents.progress', { collectionId: 'd1', phase: 'indexing', done: 3, total: 10, indexed: 2, skipped: 1, currentFile: '/home/u/Manuals/pump.md' }));
    const progress = within(card()).getByTestId('doc-progress');
    expect(progress.textContent).toContain('3 of 10');
    expect(within(progress).getByTestId('doc-progress-counts').textContent).toBe('2 indexed, 1 skipped');
    expect(within(progress).getByTestId('doc-progress-file').textContent).toContain('/home/u/Manuals/pump.md');
    expect(within(progress).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('30');
    expect((within(card()).getByTestId('doc-sync') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(progress).getByTestId('doc-cancel'));
    await waitFor(() => expect(backend.client.callsTo('documents.cancel')).toEqual([{ collectionId: 'd1' }]));
    act(() => backend.client.emit('documents.progress', { collectionId: 'd1', phase: 'cancelled', done: 3, total: 10, indexed: 2, skipped: 1, currentFile: null }));
    expect(within(card()).queryByTestId('doc-progress')).toBeNull();
  });

  it('tries a search and shows each hit with its file, heading, place and excerpt', async () => {
    const { docs, backend } = await setup();
    docs.hits = [
      { path: '/home/u/Manuals/boiler.md', score: 3, heading: 'Boiler > Pressure', lines: [12, 18], text: 'Keep the pressure between 1 and 2 bar.', tokens: 12, chunkId: 5, sourceId: 1, collectionId: 'd1' },
      { path: '/home/u/Manuals/manual.pdf', score: 2, page: 4, text: 'Bleed the radiators once a year.', tokens: 8, chunkId: 9, sourceId: 3, collectionId: 'd1', title: 'Heating manual' },
    ];
    fireEvent.change(screen.getByTestId('doc-search-input'), { target: { value: 'boiler pressure' } });
    fireEvent.click(screen.getByTestId('doc-search-button'));
    const hits = await screen.findAllByTestId('doc-hit');
    expect(backend.client.callsTo('documents.search')).toEqual([{ query: 'boiler pressure', limit: 10 }]);
    expect(hits[0]!.textContent).toContain('boiler.md');
    expect(within(hits[0]!).getByTestId('source-place').textContent).toBe('Boiler > Pressure · lines 12–18');
    expect(hits[0]!.textContent).toContain('Keep the pressure between 1 and 2 bar.');
    expect(hits[1]!.textContent).toContain('Heating manual');
    expect(within(hits[1]!).getByTestId('source-place').textContent).toBe('page 4');
    fireEvent.change(screen.getByTestId('doc-search-scope'), { target: { value: 'd1' } });
    fireEvent.click(screen.getByTestId('doc-search-button'));
    await waitFor(() => expect(backend.client.callsTo('documents.search').at(-1)).toEqual({ query: 'boiler pressure', collectionIds: ['d1'], limit: 10 }));
    docs.hits = [];
    fireEvent.change(screen.getByTestId('doc-search-input'), { target: { value: 'volcano' } });
    fireEvent.click(screen.getByTestId('doc-search-button'));
    expect((await screen.findByTestId('doc-search-none')).textContent).toContain('volcano');
  });
});

describe('DocumentsPage: how documents are searched', () => {
  it('says keyword search alone, and how to get more, while no embedding model or reranker is installed', async () => {
    await setup();
    expect((await screen.findByTestId('doc-search-mode-vectors')).textContent).toContain('By keywords. Install an embedding model');
    expect(screen.getByTestId('doc-no-reranker').textContent).toContain('Qwen3 Reranker 0.6B');
    expect(screen.queryByTestId('doc-rerank-mode')).toBeNull();
  });

  it('names the models in use, says whether results are reordered now, and sets reranking through the setting', async () => {
    const backend = createFakeBackend();
    const docs = installFakeDocuments(backend.client, [makeCollection({ id: 'd1', name: 'Manuals' })]);
    docs.mode = { embeddingModelId: 'nomic-embed-text-v1.5-q8_0', rerankerModelId: 'qwen3-reranker-0.6b-q8_0', rerank: 'auto', reranking: false };
    backend.client.handle('settings.update', (patch) => {
      const rerank = patch.documents?.rerank ?? docs.mode.rerank;
      // As main decides it for a computer without a GPU: automatic stays off, always is on.
      docs.mode = { ...docs.mode, rerank, reranking: rerank === 'on' };
      return {} as never;
    });
    renderWithStore(<DocumentsPage />, backend.client);
    expect((await screen.findByTestId('doc-search-mode-vectors')).textContent).toBe('By keywords and by meaning, with nomic-embed-text-v1.5-q8_0.');
    const select = screen.getByRole('combobox', { name: 'Reorder the best results with qwen3-reranker-0.6b-q8_0' }) as HTMLSelectElement;
    expect(select.value).toBe('auto');
    expect(screen.getByTestId('doc-reranking-now').textContent).toBe('Search results are not reordered now.');
    expect(select.getAttribute('aria-describedby')?.split(' ')).toHaveLength(2);
    fireEvent.change(select, { target: { value: 'on' } });
    await waitFor(() => expect(backend.client.callsTo('settings.update')).toEqual([{ documents: { rerank: 'on' } }]));
    await waitFor(() => expect(screen.getByTestId('doc-reranking-now').textContent).toBe('Search results are reordered now.'));
    expect((screen.getByTestId('doc-rerank-mode') as HTMLSelectElement).value).toBe('on');
    // Installing or removing a model asks again.
    docs.mode = { ...docs.mode, rerankerModelId: null, reranking: false };
    act(() => backend.client.emit('models.changed', { reason: 'removed', modelId: 'qwen3-reranker-0.6b-q8_0' }));
    expect(await screen.findByTestId('doc-no-reranker')).toBeTruthy();
  });
});
