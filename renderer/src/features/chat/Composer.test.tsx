import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeRouting } from '../../test/fakeRouting.js';
import { makeChat, makeMessage, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { Composer } from './Composer.js';

async function setup(models = [makeModel({ id: 'tiny' })]) {
  const backend = createFakeBackend(models);
  backend.addChat(makeChat({ id: 'c1' }), [makeMessage({ id: 'u1', chatId: 'c1', content: 'Hi' })]);
  const view = renderWithStore(<Composer />, backend.client);
  await act(() => view.store.getState().syncAll());
  act(() => view.store.getState().selectChat('c1'));
  await waitFor(() => expect(view.store.getState().messageIdsByChat.c1).toHaveLength(1));
  return { ...view, backend, input: screen.getByTestId('composer-input') as HTMLTextAreaElement };
}

describe('Composer', () => {
  it('Enter sends, Shift+Enter does not', async () => {
    const { input, backend } = await setup();
    fireEvent.change(input, { target: { value: 'first line' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(backend.client.callsTo('chat.turn')).toHaveLength(0);
    fireEvent.change(input, { target: { value: 'first line\nsecond line' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(backend.client.callsTo('chat.turn')).toEqual([{ chatId: 'c1', action: { type: 'send', text: 'first line\nsecond line' } }]));
    await waitFor(() => expect(input.value).toBe(''));
  });

  /** Sends, holding chat.turn until `release`, with `meanwhile` run while it is on its way. */
  async function sendHeld(meanwhile: (elsewhere: HTMLInputElement) => void): Promise<{ input: HTMLTextAreaElement; elsewhere: HTMLInputElement }> {
    const { input, backend } = await setup();
    const elsewhere = document.createElement('input');
    document.body.appendChild(elsewhere);
    const call = backend.client.call.bind(backend.client);
    let release: (() => void) | null = null;
    backend.client.call = (async (method: string, params: unknown) => {
      if (method === 'chat.turn') await new Promise<void>((resolve) => (release = resolve));
      return call(method as never, params as never);
    }) as typeof backend.client.call;
    input.focus();
    fireEvent.change(input, { target: { value: 'hello' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(release).not.toBeNull());
    meanwhile(elsewhere);
    act(() => release!());
    await waitFor(() => expect(input.value).toBe(''));
    return { input, elsewhere };
  }

  it('leaves focus where the user went while the message was sent (the search box, say)', async () => {
    const { elsewhere } = await sendHeld((other) => other.focus());
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('takes focus back to the message box after sending when it went nowhere else', async () => {
    const { input, elsewhere } = await sendHeld(() => (document.activeElement as HTMLElement | null)?.blur());
    await waitFor(() => expect(document.activeElement).toBe(input));
    elsewhere.remove();
  });

  it('does not send blank text', async () => {
    const { input, backend } = await setup();
    fireEvent.change(input, { target: { value: '   ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('send-button')).toHaveProperty('disabled', true);
    expect(backend.client.callsTo('chat.turn')).toHaveLength(0);
  });

  it('shows Stop while a reply streams and Stop calls chat.stop', async () => {
    const { input, backend, store } = await setup();
    fireEvent.change(input, { target: { value: 'Go' } });
    fireEvent.click(screen.getByTestId('send-button'));
    const stop = await screen.findByTestId('stop-button');
    expect(screen.queryByTestId('send-button')).toBeNull();
    const replyId = store.getState().messageIdsByChat.c1!.at(-1)!;
    fireEvent.click(stop);
    await waitFor(() => expect(backend.client.callsTo('chat.stop')).toEqual([{ messageId: replyId }]));
    act(() => backend.client.emit('chat.done', { chatId: 'c1', messageId: replyId, content: '', finishReason: 'aborted', stats: null, error: null, routing: null, context: null }));
    expect(await screen.findByTestId('send-button')).toBeTruthy();
  });

  it('keeps the text when sending fails', async () => {
    const { input, backend, store } = await setup();
    backend.client.handle('chat.turn', () => {
      throw Object.assign(new Error('x'), { name: 'HearthError' });
    });
    fireEvent.change(input, { target: { value: 'Keep me' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(store.getState().toasts).toHaveLength(1));
    expect(input.value).toBe('Keep me');
  });

  it('sends with several models and none chosen when routing picks the model', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' }), makeModel({ id: 'coder' })]);
    backend.addChat(makeChat({ id: 'c1', modelId: null }), []);
    const { store } = renderWithStore(<Composer />, backend.client);
    await act(() => store.getState().syncAll());
    act(() => store.getState().selectChat('c1'));
    const input = screen.getByTestId('composer-input') as HTMLTextAreaElement;
    // Without routing there is nothing to answer with until a model is chosen.
    await waitFor(() => expect(store.getState().chatsById.c1).toBeTruthy());
    expect(input.disabled).toBe(true);
    installFakeRouting(backend);
    await act(() => store.getState().loadProfiles());
    expect(input.disabled).toBe(false);
    expect(screen.queryByTestId('composer-hint')).toBeNull();
    fireEvent.change(input, { target: { value: 'fix my python bug' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(backend.client.callsTo('chat.turn')).toEqual([{ chatId: 'c1', action: { type: 'send', text: 'fix my python bug' } }]));
  });

  it('is disabled with a hint when no model is installed', async () => {
    const { input } = await setup([]);
    expect(input.disabled).toBe(true);
    expect(screen.getByTestId('composer-hint').textContent).toMatch(/No model is installed yet/);
  });
});
