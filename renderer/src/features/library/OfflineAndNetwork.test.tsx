import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeAttempt } from '../../test/libraryFixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { LibraryPage } from './LibraryPage.js';

async function renderPage() {
  const backend = createFakeBackend();
  const rendered = renderWithStore(<LibraryPage />, backend.client);
  await act(() => rendered.store.getState().loadSettings());
  await waitFor(() => expect(screen.getAllByTestId('catalog-card').length).toBeGreaterThan(0));
  return { backend, ...rendered };
}

describe('Offline switch', () => {
  it('is a labelled switch that turns offline mode on and off through settings.update, and says what that means', async () => {
    const { backend } = await renderPage();
    const toggle = screen.getByRole('switch', { name: /offline mode/i });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(screen.getByTestId('offline-state').textContent).toMatch(/^Off\./);
    expect((screen.getByTestId('prepare-offline-button') as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    expect(backend.client.callsTo('settings.update')).toEqual([{ offline: true }]);
    expect(toggle.dataset.state).toBe('on');
    expect(screen.getByTestId('offline-state').textContent).toMatch(/^On\. Hearth opens no connection beyond this computer/);
    // Nothing to prepare while nothing may be downloaded.
    expect((screen.getByTestId('prepare-offline-button') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(backend.client.callsTo('settings.update')).toEqual([{ offline: true }, { offline: false }]);
  });

  it('follows a change made elsewhere (the CLI, another window) through settings.changed', async () => {
    const { backend } = await renderPage();
    backend.library.settings.offline = true;
    act(() => backend.client.emit('settings.changed', {}));
    await waitFor(() => expect(screen.getByRole('switch', { name: /offline mode/i }).getAttribute('aria-checked')).toBe('true'));
  });

  it('with offline mode on, a catalog download is refused and the card says why and how to allow it', async () => {
    await renderPage();
    fireEvent.click(screen.getByRole('switch', { name: /offline mode/i }));
    await waitFor(() => expect(screen.getByTestId('offline-switch').dataset.state).toBe('on'));
    const card = screen.getAllByTestId('catalog-card').find((c) => c.dataset.catalogId === 'llama-3.2-1b-instruct')!;
    expect(within(card).getByText('Offline mode is on.')).toBeTruthy();
    fireEvent.click(within(card).getByTestId('catalog-download'));
    const error = await within(card).findByTestId('catalog-download-error');
    expect(error.dataset.code).toBe('OFFLINE');
    expect(error.textContent).toContain('Offline mode is on, so Hearth did not connect. Turn offline mode off');
    expect(error.textContent).toContain('hearth offline off');
    expect(within(card).queryByRole('progressbar')).toBeNull();
  });
});

describe('Network log', () => {
  it('lists attempts newest first with time, host, purpose, result and detail, and adds new ones live', async () => {
    const backend = createFakeBackend();
    backend.library.log = [
      makeAttempt({ id: 2, at: 1_750_000_060_000, host: 'huggingface.co', port: 443, allowed: false, purpose: 'download', detail: 'Offline mode is on' }),
      makeAttempt({ id: 1, at: 1_750_000_000_000, host: 'cdn-lfs.hf.co', port: 443, allowed: true, purpose: 'download', detail: 'https://cdn-lfs.hf.co/repos/x' }),
    ];
    renderWithStore(<LibraryPage />, backend.client);
    await waitFor(() => expect(screen.getAllByTestId('network-log-row')).toHaveLength(2));
    expect(backend.client.callsTo('network.log')).toEqual([{ limit: 500 }]);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Host', 'Purpose', 'Result', 'Detail']);
    const [first, second] = screen.getAllByTestId('network-log-row');
    expect(first!.dataset.allowed).toBe('false');
    expect(within(first!).getAllByRole('cell').map((c) => c.textContent).slice(1)).toEqual(['huggingface.co:443', 'download', 'Blocked', 'Offline mode is on']);
    expect(within(second!).getByText('Allowed')).toBeTruthy();
    expect(screen.getByTestId('network-log-summary').textContent).toMatch(/^2 attempts, 1 blocked\./);

    act(() => backend.library.attempt(makeAttempt({ id: 3, at: 1_750_000_120_000, host: '127.0.0.1', port: 8080, purpose: 'catalog', allowed: false, detail: 'blocked' })));
    const rows = screen.getAllByTestId('network-log-row');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByText('127.0.0.1:8080')).toBeTruthy();
    expect(screen.getByTestId('network-log-summary').textContent).toMatch(/^3 attempts, 2 blocked\./);
  });

  it('says so when nothing was attempted, and shows a read failure', async () => {
    const backend = createFakeBackend();
    renderWithStore(<LibraryPage />, backend.client);
    await waitFor(() => expect(screen.getByTestId('network-log-summary').textContent).toMatch(/has not tried to connect/));
    expect(screen.queryByRole('table')).toBeNull();
    backend.client.handle('network.log', () => {
      throw new Error('The network log is not built yet.');
    });
    fireEvent.click(screen.getByTestId('network-log-refresh'));
    expect((await screen.findByTestId('network-log-error')).textContent).toContain('not built yet');
  });
});
