import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ContextUse, ReplyStats } from '../../../../main/contract/index.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeChat, makeContextUse, makeMessage, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { MessageRow } from './MessageRow.js';

const stats: ReplyStats = { promptTokens: 900, completionTokens: 40, timeToFirstTokenMs: 150, tokensPerSecond: 30, totalMs: 1500, backend: 'cpu', modelId: 'tiny' };

/** A chat whose last reply (with stats, so its footer shows) was written with `context` (null: none recorded). */
async function setup(context: ContextUse | null) {
  const backend = createFakeBackend([makeModel({ id: 'tiny', name: 'Tiny Llama', contextLength: 8192 })]);
  backend.addChat(makeChat({ id: 'c1' }), [
    makeMessage({ id: 'u1', chatId: 'c1', role: 'user', content: 'And then?' }),
    makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: 'Then it ended.', modelId: 'tiny', finishReason: 'eos', stats, context }),
  ]);
  const view = renderWithStore(
    <>
      <MessageRow messageId="u1" isLast={false} />
      <MessageRow messageId="a1" isLast />
    </>,
    backend.client,
  );
  await act(() => view.store.getState().syncAll());
  await act(() => view.store.getState().loadChat('c1'));
  const row = (role: string) => screen.getAllByTestId('message-row').find((r) => r.dataset.role === role)!;
  return { ...view, backend, row };
}

describe('ContextNote', () => {
  it("says under the reply how many earlier messages were left out, with the model and its window", async () => {
    const { row } = await setup(makeContextUse({ windowTokens: 2048, includedMessages: 6, leftOutMessages: 12 }));
    const note = within(row('assistant')).getByTestId('context-note');
    expect(note.dataset.leftOut).toBe('12');
    expect(note.textContent).toContain('12 earlier messages were left out');
    expect(note.textContent).toContain('2,048-token context of Tiny Llama');
    expect(within(row('user')).queryByTestId('context-note')).toBeNull();
  });

  it('uses the singular for one message', async () => {
    const { row } = await setup(makeContextUse({ windowTokens: 4096, leftOutMessages: 1 }));
    expect(within(row('assistant')).getByTestId('context-note').textContent).toMatch(/^1 earlier message was left out: .*4,096-token context of Tiny Llama/);
  });

  it('shows nothing when everything fitted, or when no context was recorded', async () => {
    await setup(makeContextUse({ leftOutMessages: 0, includedMessages: 8 }));
    // The footer is there (stats), the note is not.
    expect(screen.getByTestId('message-stats')).toBeTruthy();
    expect(screen.queryByTestId('context-note')).toBeNull();
    expect(screen.getAllByTestId('message-row')).toHaveLength(2);
  });

  it('shows nothing for a reply without a recorded context', async () => {
    await setup(null);
    expect(screen.queryByTestId('context-note')).toBeNull();
  });

  it('its button opens the settings, where the context size is raised', async () => {
    const { store, row } = await setup(makeContextUse({ leftOutMessages: 3 }));
    expect(store.getState().view).toBe('chat');
    const button = within(within(row('assistant')).getByTestId('context-note')).getByRole('button', { name: 'Raise the context size in Settings' });
    fireEvent.click(button);
    expect(store.getState().view).toBe('settings');
  });

  it('appears when chat.done brings a context that left messages out, even on a reply with no stats', async () => {
    const { backend, row } = await setup(null);
    expect(screen.queryByTestId('context-note')).toBeNull();
    act(() =>
      backend.client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: 'Then it ended.', finishReason: 'eos', stats: null, error: null, routing: null, context: makeContextUse({ leftOutMessages: 5 }) }),
    );
    expect(within(row('assistant')).getByTestId('context-note').dataset.leftOut).toBe('5');
  });
});
