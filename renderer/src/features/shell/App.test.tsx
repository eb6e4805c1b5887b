import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeRouting } from '../../test/fakeRouting.js';
import { makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { App } from './App.js';

describe('App', () => {
  it('shows the welcome screen when no model is installed, and importing leads into a chat', async () => {
    const backend = createFakeBackend([]);
    backend.client.handle('models.add', ({ path }) => {
      const model = makeModel({ id: 'qwen', name: 'Qwen 0.5B', path });
      backend.models.push(model);
      return model;
    });
    const { store } = renderWithStore(<App shell="browser" />, backend.client);
    await act(() => store.getState().syncAll());
    expect(screen.getByTestId('welcome-screen').textContent).toMatch(/Nothing leaves the machine/);
    fireEvent.change(screen.getByTestId('import-path-input'), { target: { value: '/models/qwen.gguf' } });
    fireEvent.click(screen.getByTestId('import-mode-copy'));
    fireEvent.click(screen.getByTestId('import-button'));
    await waitFor(() => expect(backend.client.callsTo('models.add')).toEqual([{ path: '/models/qwen.gguf', mode: 'copy' }]));
    await waitFor(() => expect(screen.queryByTestId('welcome-screen')).toBeNull());
    expect((screen.getByTestId('composer-input') as HTMLTextAreaElement).disabled).toBe(false);
    expect(screen.getByTestId('model-picker')).toHaveProperty('value', 'qwen');
  });

  it('shows the chat view, status bar and connection state when a model exists', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    const { store } = renderWithStore(<App shell="browser" />, backend.client);
    await act(() => store.getState().syncAll());
    expect(screen.queryByTestId('welcome-screen')).toBeNull();
    expect(screen.getByTestId('composer-input')).toBeTruthy();
    expect(screen.getByTestId('engine-backend').textContent).toContain('CPU');
    expect(screen.getByTestId('connection-state').dataset.state).toBe('open');
    act(() => backend.client.setConnection({ state: 'reconnecting', message: 'Connection to Hearth lost. Reconnecting…' }));
    expect(screen.getByTestId('connection-state').dataset.state).toBe('reconnecting');
    expect(screen.getByTestId('connection-state').textContent).toContain('Reconnecting');
    // Back online: everything is loaded again, since events may have been missed.
    const before = backend.client.callsTo('chats.list').length;
    act(() => backend.client.setConnection({ state: 'open', message: null }));
    await waitFor(() => expect(backend.client.callsTo('chats.list').length).toBe(before + 1));
  });

  it('opens the routing page from the navigation', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    installFakeRouting(backend);
    const { store } = renderWithStore(<App shell="browser" />, backend.client);
    await act(() => store.getState().syncAll());
    fireEvent.click(screen.getByTestId('nav-routing'));
    expect(screen.getByTestId('nav-routing').getAttribute('aria-current')).toBe('page');
    const page = await screen.findByTestId('routing-page');
    await waitFor(() => expect(page.querySelectorAll('[data-testid=profile-item]')).toHaveLength(4));
  });

  it('error toasts carry the server message and can be dismissed', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    const { store } = renderWithStore(<App shell="browser" />, backend.client);
    act(() => store.getState().pushToast('error', 'Model tiny is not in the cache.', 'MODEL_NOT_FOUND'));
    const toast = screen.getByTestId('toast');
    expect(toast.getAttribute('role')).toBe('alert');
    fireEvent.click(screen.getByTestId('toast-dismiss'));
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});
