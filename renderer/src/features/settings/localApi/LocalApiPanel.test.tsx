import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiKey, ApiLogEntry, ApiStatus, Settings } from '../../../../../main/contract/index.js';
import { createFakeBackend } from '../../../test/fakeBackend.js';
import { renderWithStore } from '../../../test/renderWithStore.js';
import { SETTINGS } from '../../../test/fixtures.js';
import { LocalApiPanel } from './LocalApiPanel.js';

function setup(status: ApiStatus, api: Partial<Settings['api']> = {}) {
  const backend = createFakeBackend();
  let keys: ApiKey[] = [{ id: 'key_1', name: 'editor', prefix: 'hk-abcd…', createdAt: Date.now(), lastUsedAt: null }];
  const log: ApiLogEntry[] = [
    { id: 2, at: Date.now(), keyName: 'editor', method: 'POST', endpoint: '/v1/chat/completions', model: 'tiny', promptTokens: 12, completionTokens: 5, status: 200, durationMs: 840, note: 'stop', content: null },
    { id: 1, at: Date.now(), keyName: null, method: 'GET', endpoint: '/v1/models', model: null, promptTokens: null, completionTokens: null, status: 401, durationMs: 2, note: 'invalid_api_key', content: null },
  ];
  backend.client.handle('api.status', () => status);
  backend.client.handle('api.keys.list', () => keys);
  backend.client.handle('api.log', () => log);
  backend.client.handle('api.keys.create', ({ name }: { name: string }) => {
    const created = { id: 'key_2', name, prefix: 'hk-new1…', createdAt: Date.now(), lastUsedAt: null };
    keys = [...keys, created];
    return { ...created, key: 'hk-new1-secret-shown-once' };
  });
  backend.client.handle('api.keys.revoke', ({ idOrName }: { idOrName: string }) => {
    const before = keys.length;
    keys = keys.filter((k) => k.id !== idOrName);
    return { revoked: keys.length < before };
  });
  const settings = { ...SETTINGS.api, ...api };
  renderWithStore(<LocalApiPanel api={settings} />, backend.client);
  return backend;
}

describe('Settings → Local API', () => {
  it('shows the base URL to copy, the keys and the request log', async () => {
    setup({ running: true, url: 'http://127.0.0.1:1338/v1', error: null, exposed: false }, { enabled: true });
    await waitFor(() => expect(screen.getByTestId('local-api-url').textContent).toBe('http://127.0.0.1:1338/v1'));
    expect((screen.getByTestId('local-api-enabled') as HTMLInputElement).checked).toBe(true);
    expect(screen.getAllByTestId('local-api-key').map((k) => k.textContent)).toEqual([expect.stringContaining('editor')]);
    const rows = screen.getAllByTestId('local-api-log-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('POST /v1/chat/completions');
    expect(rows[0]!.textContent).toContain('12 + 5');
    expect(rows[1]!.textContent).toContain('401');
    expect(screen.queryByTestId('local-api-exposed')).toBeNull();
  });

  it('turns the API on through settings.update, and says why it is not running', async () => {
    const backend = setup({ running: false, url: null, error: 'Port 1338 is in use by another program.', exposed: false });
    await waitFor(() => expect(screen.getByTestId('local-api-status').textContent).toContain('Port 1338 is in use'));
    fireEvent.click(screen.getByTestId('local-api-enabled'));
    await waitFor(() => expect(backend.client.callsTo('settings.update')).toEqual([{ api: { enabled: true } }]));
  });

  it('creates a key and shows it once; revokes a key', async () => {
    const backend = setup({ running: false, url: null, error: null, exposed: false });
    await waitFor(() => expect(screen.getAllByTestId('local-api-key')).toHaveLength(1));
    fireEvent.change(screen.getByTestId('local-api-key-name'), { target: { value: 'scripts' } });
    fireEvent.click(screen.getByTestId('local-api-key-create'));
    await waitFor(() => expect(screen.getByTestId('local-api-new-key-value').textContent).toBe('hk-new1-secret-shown-once'));
    expect(backend.client.callsTo('api.keys.create')).toEqual([{ name: 'scripts' }]);
    await waitFor(() => expect(screen.getAllByTestId('local-api-key')).toHaveLength(2));
    expect(screen.getAllByTestId('local-api-key').map((k) => k.textContent).join()).not.toContain('secret');
    fireEvent.click(screen.getAllByTestId('local-api-key-revoke')[0]!);
    await waitFor(() => expect(backend.client.callsTo('api.keys.revoke')).toEqual([{ idOrName: 'key_1' }]));
    await waitFor(() => expect(screen.getAllByTestId('local-api-key')).toHaveLength(1));
  });

  it('warns before the API listens beyond this computer, and checks port, address and origins before saving', async () => {
    const backend = setup({ running: true, url: 'http://0.0.0.0:1338/v1', error: null, exposed: true }, { enabled: true });
    await waitFor(() => expect(screen.getByTestId('local-api-exposed')).toBeTruthy());
    fireEvent.change(screen.getByTestId('local-api-bind'), { target: { value: '0.0.0.0' } });
    expect(screen.getByTestId('local-api-bind-warning').textContent).toMatch(/Other machines/);
    fireEvent.change(screen.getByTestId('local-api-origins'), { target: { value: 'http://localhost:3000\nnot an origin' } });
    fireEvent.click(screen.getByTestId('local-api-save'));
    await waitFor(() => expect(screen.getByTestId('local-api-form').textContent).toContain('“not an origin” is not an origin'));
    expect(backend.client.callsTo('settings.update')).toEqual([]);
    fireEvent.change(screen.getByTestId('local-api-origins'), { target: { value: 'http://localhost:3000' } });
    fireEvent.change(screen.getByTestId('local-api-port'), { target: { value: '70000' } });
    fireEvent.click(screen.getByTestId('local-api-save'));
    // The field's own max (the browser's check) or the form's: either way nothing is saved.
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.client.callsTo('settings.update')).toEqual([]);
    fireEvent.change(screen.getByTestId('local-api-port'), { target: { value: '8080' } });
    fireEvent.click(screen.getByTestId('local-api-save'));
    await waitFor(() => expect(backend.client.callsTo('settings.update')).toEqual([{ api: { port: 8080, bindAddress: '0.0.0.0', allowedOrigins: ['http://localhost:3000'], parallel: 1 } }]));
  });

  it('warns when keys are not required', async () => {
    setup({ running: true, url: 'http://127.0.0.1:1338/v1', error: null, exposed: false }, { requireKey: false });
    await waitFor(() => expect(screen.getByTestId('local-api-no-key').textContent).toMatch(/any program/));
  });
});
