import fs from 'node:fs';
import { fixturePath } from '../test/fixtures.js';
import { startFileServer, type FileServer } from '../test/fileServer.js';
import { expect, test } from './fixtures.js';
import { LibraryPage } from './support/LibraryPage.js';

/**
 * The model library against the real services: the catalog from
 * models/catalog.json, a real download from a local HTTP server (throttled
 * so progress is visible), and offline mode refusing one before any request.
 */
test.describe('model library', () => {
  test.use({ models: [] });

  let server: FileServer;
  let model: Buffer;
  test.beforeEach(async () => {
    model = fs.readFileSync(fixturePath('tiny'));
    // About four seconds for the whole file, whatever its size: long enough to see progress, short enough for CI.
    server = await startFileServer({ bytesPerSecond: Math.ceil(model.length / 4), chunkBytes: 16 * 1024 });
    server.serve('/tiny.gguf', { content: model, etag: 'sha256' });
  });
  test.afterEach(async () => {
    await server.close();
  });

  test('shows the catalog with a fit badge on every entry, without touching the network', async ({ hearth }) => {
    const library = new LibraryPage(hearth.page);
    await library.open();
    await expect(library.catalogCards.first()).toBeVisible();
    const count = await library.catalogCards.count();
    expect(count).toBeGreaterThanOrEqual(12);
    await expect(library.catalogCards.getByTestId('fit-badge')).toHaveCount(count);
    // Sizes from the catalog give most entries a verdict before anything is downloaded.
    const verdicts = await library.catalogCards.getByTestId('fit-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')));
    expect(verdicts.filter((v) => v !== 'unknown').length).toBeGreaterThan(count / 2);
    await expect(library.catalogCards.getByTestId('catalog-licence').first()).not.toBeEmpty();
    // Filters narrow the grid.
    await hearth.page.getByTestId('catalog-filter-size').selectOption('large');
    const large = await library.catalogCards.count();
    expect(large).toBeGreaterThan(0);
    expect(large).toBeLessThan(count);
    // Listing the catalog is local: nothing was attempted.
    await expect(hearth.page.getByTestId('network-log-summary')).toContainText('has not tried to connect');
    await expect(library.networkRows).toHaveCount(0);
  });

  test('downloads from a local server with progress, and the model ends up installed', async ({ hearth }) => {
    const library = new LibraryPage(hearth.page);
    await library.open();
    await library.downloadFrom(`${server.url}/tiny.gguf`);
    const row = library.downloadRows.first();
    await expect(row).toHaveAttribute('data-state', 'downloading');
    const bar = row.getByRole('progressbar');
    await expect(bar).toBeVisible();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { message: 'progress moves' }).toBeGreaterThan(0);
    await expect(row.getByTestId('download-numbers')).toContainText(/of .*\/s/);
    await expect(row).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
    await expect(library.installed).toHaveCount(1);
    await expect(library.installed.getByTestId('fit-badge')).toHaveAttribute('data-verdict', 'fits');
    // The connection is in the network log, allowed, to the loopback host.
    await expect(library.networkRows.filter({ hasText: '127.0.0.1' }).first()).toHaveAttribute('data-allowed', 'true');
    expect(server.requests.length).toBeGreaterThan(0);
    // The file is whole: verifying it re-hashes it against the hash recorded at download.
    await library.installed.getByTestId('model-verify-button').click();
    await expect(library.installed.getByTestId('model-verify-result')).toHaveAttribute('data-result', 'ok', { timeout: 30_000 });
  });

  test('with offline mode on, a download fails with the offline message and the server sees no request', async ({ hearth }) => {
    const library = new LibraryPage(hearth.page);
    await library.open();
    await library.setOffline(true);
    await expect(hearth.page.getByTestId('offline-state')).toContainText('On.');
    await library.downloadFrom(`${server.url}/tiny.gguf`);
    // Refused at start (an error under the field) or as a failed download: either way, the offline sentence.
    const error = hearth.page.getByTestId('download-source-error').or(hearth.page.getByTestId('download-error'));
    await expect(error).toHaveAttribute('data-code', 'OFFLINE');
    await expect(error).toContainText('Offline mode is on');
    expect(server.requests).toEqual([]);
    await expect(library.installed).toHaveCount(0);
    // Turned off again, the same download goes through.
    await library.setOffline(false);
    await library.downloadFrom(`${server.url}/tiny.gguf`);
    await expect(library.downloadRows.first()).toHaveAttribute('data-state', 'completed', { timeout: 60_000 });
  });
});
