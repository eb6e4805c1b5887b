import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeRouting } from '../../test/fakeRouting.js';
import { makeChat, makeEngineStatus, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { ModelSwitchNotice } from './ModelSwitchNotice.js';

describe('ModelSwitchNotice', () => {
  it('shows which model loads for which profile, with progress, and goes when the reply starts', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' }), makeModel({ id: 'coder', name: 'Qwen Coder' })]);
    const routing = installFakeRouting(backend);
    routing.profiles.find((p) => p.id === 'coding')!.models.standard = ['coder'];
    backend.client.handle('engine.status', () => makeEngineStatus({ loaded: [] }));
    backend.addChat(makeChat({ id: 'c1' }), []);
    const { store } = renderWithStore(<ModelSwitchNotice />, backend.client);
    await act(() => store.getState().syncAll());
    act(() => store.getState().selectChat('c1'));
    await act(() => store.getState().sendMessage('fix this python function bug'));
    const notice = screen.getByTestId('model-switch');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toBe('Loading Qwen Coder… for Coding');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    act(() => backend.client.emit('models.loadProgress', { modelId: 'coder', progress: 0.5 }));
    expect(notice.textContent).toBe('Loading Qwen Coder… for Coding 50%');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    const replyId = store.getState().messageIdsByChat.c1!.at(-1)!;
    act(() => backend.client.emit('chat.delta', { chatId: 'c1', messageId: replyId, seq: 0, text: 'def' }));
    expect(screen.queryByTestId('model-switch')).toBeNull();
  });
});
