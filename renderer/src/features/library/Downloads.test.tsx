import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { LibraryPage } from './LibraryPage.js';

const card = (id: string) => screen.getAllByTestId('catalog-card').find((c) => c.dataset.catalogId === id)!;

async function startQwenQ8() {
  const backend = createFakeBackend();
  const rendered = renderWithStore(<LibraryPage />, backend.client);
  await waitFor(() => expect(screen.getAllByTestId('catalog-card')).toHaveLength(6));
  const qwen = within(card('qwen2.5-0.5b-instruct'));
  fireEvent.change(qwen.getByLabelText('Quantization'), { target: { value: 'Q8_0' } });
  fireEvent.click(qwen.getByTestId('catalog-download'));
  await waitFor(() => expect(backend.client.callsTo('downloads.start')).toEqual([{ source: 'qwen2.5-0.5b-instruct', quantization: 'Q8_0' }]));
  const id = [...backend.library.downloads.keys()][0]!;
  return { backend, qwen, id, ...rendered };
}

describe('Downloads', () => {
  it('starts the chosen quantization and renders progress, speed and time left from the events', async () => {
    const { backend, qwen, id } = await startQwenQ8();
    await waitFor(() => expect(qwen.getByTestId('download').dataset.state).toBe('queued'));
    expect((qwen.getByTestId('catalog-download') as HTMLButtonElement).disabled).toBe(true);
    act(() => void backend.library.progress(id, { state: 'downloading', receivedBytes: 245_700_016, bytesPerSecond: 10 * 1024 * 1024, etaSeconds: 42 }));
    const bar = qwen.getByRole('progressbar', { name: 'Download of qwen2.5-0.5b-instruct-q8_0.gguf' });
    expect(bar.getAttribute('aria-valuenow')).toBe('36');
    expect(qwen.getByTestId('download-state').textContent).toBe('Downloading 36%');
    expect(qwen.getByTestId('download-numbers').textContent).toBe('234 MB of 644 MB · 10 MB/s · about 42 s left');
    // The same download in the Downloads list.
    const row = screen.getByTestId('download-row');
    expect(row.dataset.state).toBe('downloading');
    expect(within(row).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('36');
  });

  it('pauses, resumes and cancels through the service, by download id', async () => {
    const { backend, qwen, id } = await startQwenQ8();
    act(() => void backend.library.progress(id, { state: 'downloading', receivedBytes: 100 }));
    fireEvent.click(qwen.getByRole('button', { name: 'Pause qwen2.5-0.5b-instruct-q8_0.gguf' }));
    await waitFor(() => expect(qwen.getByTestId('download').dataset.state).toBe('paused'));
    expect(backend.client.callsTo('downloads.pause')).toEqual([{ downloadId: id }]);
    expect(qwen.queryByTestId('download-pause')).toBeNull();
    fireEvent.click(qwen.getByTestId('download-resume'));
    await waitFor(() => expect(qwen.getByTestId('download').dataset.state).toBe('downloading'));
    expect(backend.client.callsTo('downloads.resume')).toEqual([{ downloadId: id }]);
    fireEvent.click(qwen.getByTestId('download-cancel'));
    await waitFor(() => expect(qwen.queryByTestId('download')).toBeNull());
    expect(backend.client.callsTo('downloads.cancel')).toEqual([{ downloadId: id }]);
    expect(screen.queryByTestId('download-row')).toBeNull();
    expect((qwen.getByTestId('catalog-download') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a failure in words with the server message, and retries the same file', async () => {
    const { backend, qwen, id } = await startQwenQ8();
    act(() => void backend.library.fail(id, 'DISK_FULL', 'qwen2.5-0.5b-instruct-q8_0.gguf needs 644 MB but only 120 MB are free in /data/hearth/models.'));
    const error = qwen.getByTestId('download-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.dataset.code).toBe('DISK_FULL');
    expect(error.textContent).toContain('not enough free disk space');
    expect(error.textContent).toContain('only 120 MB are free');
    expect(qwen.queryByRole('progressbar')).toBeNull();
    fireEvent.click(qwen.getByTestId('download-retry'));
    await waitFor(() => expect(backend.client.callsTo('downloads.start')).toHaveLength(2));
    expect(backend.client.callsTo('downloads.start')[1]).toEqual({ source: 'qwen2.5-0.5b-instruct', quantization: 'Q8_0' });

    const second = [...backend.library.downloads.keys()][1]!;
    act(() => void backend.library.fail(second, 'CHECKSUM_MISMATCH', 'SHA-256 of qwen2.5-0.5b-instruct-q8_0.gguf is 1f2e…, expected 9a8b…; the file was removed.'));
    await waitFor(() => expect(qwen.getByTestId('download-error').dataset.code).toBe('CHECKSUM_MISMATCH'));
    expect(qwen.getByTestId('download-error').textContent).toMatch(/did not match its published checksum.*expected 9a8b/);
  });

  it('when a download completes, reloads the installed models, the catalog and the cache totals', async () => {
    const { backend, qwen, id } = await startQwenQ8();
    const before = { models: backend.client.callsTo('models.list').length, catalog: backend.client.callsTo('catalog.list').length, cache: backend.client.callsTo('models.cacheInfo').length };
    backend.library.catalog[0] = { ...backend.library.catalog[0]!, installed: [{ quantization: 'Q8_0', modelId: 'm1' }] };
    act(() => void backend.library.progress(id, { state: 'verifying', receivedBytes: 675_710_816 }));
    expect(qwen.getByTestId('download-state').textContent).toBe('Checking the SHA-256… 100%');
    expect(qwen.queryByTestId('download-cancel')).toBeNull();
    act(() => void backend.library.progress(id, { state: 'completed', modelId: 'm1' }));
    await waitFor(() => expect(backend.client.callsTo('catalog.list').length).toBe(before.catalog + 1));
    await waitFor(() => expect(qwen.getByTestId('catalog-installed-quant').textContent).toBe('Q8_0 is installed.'));
    expect(backend.client.callsTo('models.list').length).toBe(before.models + 1);
    expect(backend.client.callsTo('catalog.list').length).toBe(before.catalog + 1);
    expect(backend.client.callsTo('models.cacheInfo').length).toBe(before.cache + 1);
    expect(screen.getByTestId('download-row').dataset.state).toBe('completed');
  });

  it('downloads from a link typed in, and shows why one is refused', async () => {
    const backend = createFakeBackend();
    renderWithStore(<LibraryPage />, backend.client);
    const input = await screen.findByTestId('download-source-input');
    fireEvent.change(input, { target: { value: ' http://127.0.0.1:8080/tiny.gguf ' } });
    fireEvent.click(screen.getByTestId('download-source-button'));
    await waitFor(() => expect(backend.client.callsTo('downloads.start')).toEqual([{ source: 'http://127.0.0.1:8080/tiny.gguf' }]));
    await waitFor(() => expect(screen.getByTestId('download-row').textContent).toContain('tiny.gguf'));
    expect((input as HTMLInputElement).value).toBe('');

    backend.library.settings.offline = true;
    fireEvent.change(input, { target: { value: 'hf:org/repo/model.gguf' } });
    fireEvent.click(screen.getByTestId('download-source-button'));
    const error = await screen.findByTestId('download-source-error');
    expect(error.dataset.code).toBe('OFFLINE');
    expect(error.textContent).toContain('Offline mode is on');
  });

  it('"Keep everything offline-ready" queues what the profiles need and lists it', async () => {
    const backend = createFakeBackend();
    backend.library.offlineReady = ['llama-3.2-1b-instruct', 'qwen2.5-3b-instruct'];
    const { store } = renderWithStore(<LibraryPage />, backend.client);
    await act(() => store.getState().loadSettings());
    fireEvent.click(screen.getByTestId('prepare-offline-button'));
    await waitFor(() => expect(screen.getAllByTestId('download-row')).toHaveLength(2));
    expect(backend.client.callsTo('downloads.prepareOffline')).toEqual([{}]);
    expect(store.getState().toasts.at(-1)?.message).toBe('Downloading 2 models so Hearth works offline.');
  });
});
