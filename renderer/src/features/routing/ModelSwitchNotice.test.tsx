import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PayloadOf } from '../../../../main/contract/index.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeRouting } from '../../test/fakeRouting.js';
import { makeChat, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { ModelSwitchNotice } from './ModelSwitchNotice.js';

async function setup() {
  const backend = createFakeBackend([makeModel({ id: 'tiny' }), makeModel({ id: 'coder', name: 'Qwen Coder' }), makeModel({ id: 'big', name: 'Big One' })]);
  const routing = installFakeRouting(backend);
  routing.profiles.find((p) => p.id === 'coding')!.models.standard = ['coder'];
  backend.addChat(makeChat({ id: 'c1' }), []);
  backend.addChat(makeChat({ id: 'c2' }), []);
  const view = renderWithStore(<ModelSwitchNotice />, backend.client);
  await act(() => view.store.getState().syncAll());
  act(() => view.store.getState().selectChat('c1'));
  await act(() => view.store.getState().sendMessage('fix this python function bug'));
  const replyId = view.store.getState().messageIdsByChat.c1!.at(-1)!;
  const reply = (fields: Partial<PayloadOf<'chat.reply'>>) =>
    act(() => backend.client.emit('chat.reply', { chatId: 'c1', messageId: replyId, phase: 'loading', modelId: 'coder', progress: null, context: null, routing: view.store.getState().messagesById[replyId]!.routing, ...fields }));
  return { ...view, backend, replyId, reply };
}

describe('ModelSwitchNotice', () => {
  it("shows which model loads for which profile, from the reply's loading events, with progress, and goes when the reply starts", async () => {
    const { backend, replyId, reply } = await setup();
    // The send alone says nothing: only the server knows whether the model must load.
    expect(screen.queryByTestId('model-switch')).toBeNull();
    reply({ phase: 'queued' });
    expect(screen.queryByTestId('model-switch')).toBeNull();
    reply({ progress: null });
    const notice = screen.getByTestId('model-switch');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toBe('Loading Qwen Coder… for Coding');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    reply({ progress: 0.5 });
    expect(notice.textContent).toBe('Loading Qwen Coder… for Coding 50%');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    act(() => backend.client.emit('chat.delta', { chatId: 'c1', messageId: replyId, seq: 0, text: 'def' }));
    expect(screen.queryByTestId('model-switch')).toBeNull();
  });

  it('goes when the reply ends without a word (the load failed)', async () => {
    const { backend, replyId, reply } = await setup();
    reply({ progress: 0.1 });
    expect(screen.getByTestId('model-switch')).toBeTruthy();
    act(() => backend.client.emit('chat.done', { chatId: 'c1', messageId: replyId, content: '', finishReason: 'error', stats: null, error: { code: 'INSUFFICIENT_MEMORY', message: 'No room.' }, routing: null, context: null }));
    expect(screen.queryByTestId('model-switch')).toBeNull();
  });

  it("a load for another chat's reply does not show in this chat nor take this reply's notice away", async () => {
    const { backend, store, reply } = await setup();
    reply({ progress: 0.3 });
    const other = { chatId: 'c2', messageId: 'a-other', modelId: 'big', progress: null, context: null, routing: null };
    act(() => backend.client.emit('chat.reply', { ...other, phase: 'queued' }));
    act(() => backend.client.emit('chat.done', { ...other, content: '', finishReason: 'aborted', stats: null, error: null }));
    expect(screen.getByTestId('model-switch').textContent).toBe('Loading Qwen Coder… for Coding 30%');
    // c2's reply loads after c1's is in: shown in c2, not here.
    act(() => backend.client.emit('chat.delta', { chatId: 'c1', messageId: store.getState().messageIdsByChat.c1!.at(-1)!, seq: 0, text: 'def' }));
    act(() => backend.client.emit('chat.reply', { ...other, messageId: 'a-other2', phase: 'loading', progress: 0.6 }));
    expect(screen.queryByTestId('model-switch')).toBeNull();
    act(() => store.getState().selectChat('c2'));
    expect(screen.getByTestId('model-switch').textContent).toBe('Loading Big One… 60%');
  });
});
