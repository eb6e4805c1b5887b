import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReplyStats } from '../../../../main/contract/index.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeChat, makeMessage, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { MessageRow } from './MessageRow.js';

const stats: ReplyStats = { promptTokens: 20, completionTokens: 64, timeToFirstTokenMs: 120, tokensPerSecond: 31.25, totalMs: 2200, backend: 'cuda', modelId: 'tiny' };

async function setup() {
  const backend = createFakeBackend([makeModel({ id: 'tiny', name: 'Tiny Llama' })]);
  backend.addChat(makeChat({ id: 'c1' }), [
    makeMessage({ id: 'u1', chatId: 'c1', role: 'user', content: 'Write a function' }),
    makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: 'Here:\n\n```ts\nconst x = 1;\n```', stats, finishReason: 'eos' }),
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
  return { ...view, backend };
}

describe('MessageRow', () => {
  it('highlights the code of a finished reply once the highlighter has loaded', async () => {
    await setup();
    await waitFor(() => expect(screen.getByTestId('code-block').querySelector('.hljs-keyword')?.textContent).toBe('const'));
    expect(screen.getByTestId('code-block').querySelector('pre code')?.textContent).toBe('const x = 1;\n');
  });

  it('renders Markdown with a labelled code block, and the reply stats', async () => {
    await setup();
    const block = screen.getByTestId('code-block');
    expect(block.textContent).toContain('ts');
    expect(block.querySelector('pre code')?.textContent).toBe('const x = 1;\n');
    expect(within(block).getByTestId('code-copy-button').getAttribute('aria-label')).toBe('Copy ts code');
    const footer = screen.getByTestId('message-stats').textContent!;
    expect(footer).toContain('31.3 tok/s');
    expect(footer).toContain('120 ms');
    expect(footer).toContain('20 in · 64 out');
    expect(footer).toContain('Tiny Llama');
    expect(footer).toContain('CUDA');
  });

  it('edit: inline editor, Save & resend sends an edit turn', async () => {
    const { backend, store } = await setup();
    const userRow = screen.getAllByTestId('message-row').find((r) => r.dataset.role === 'user')!;
    fireEvent.click(within(userRow).getByTestId('edit-button'));
    const editor = screen.getByTestId('edit-input') as HTMLTextAreaElement;
    expect(editor.value).toBe('Write a function');
    fireEvent.change(editor, { target: { value: 'Write a class' } });
    fireEvent.click(screen.getByTestId('edit-save-button'));
    await waitFor(() => expect(backend.client.callsTo('chat.turn')).toEqual([{ action: { type: 'edit', messageId: 'u1', text: 'Write a class' } }]));
    await waitFor(() => expect(store.getState().messageIdsByChat.c1).not.toContain('u1'));
  });

  it('edit: Escape cancels without calling main', async () => {
    const { backend } = await setup();
    fireEvent.click(screen.getByTestId('edit-button'));
    fireEvent.keyDown(screen.getByTestId('edit-input'), { key: 'Escape' });
    expect(screen.queryByTestId('edit-input')).toBeNull();
    expect(backend.client.callsTo('chat.turn')).toHaveLength(0);
  });

  it('regenerate on the last reply sends a regenerate turn', async () => {
    const { backend } = await setup();
    fireEvent.click(screen.getByTestId('regenerate-button'));
    await waitFor(() => expect(backend.client.callsTo('chat.turn')).toEqual([{ chatId: 'c1', action: { type: 'regenerate' } }]));
  });

  it('shows an error badge with the error text', async () => {
    const { backend } = await setup();
    act(() => backend.client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: 'Hi there', finishReason: 'error', stats: null, error: { code: 'INSUFFICIENT_MEMORY', message: 'Not enough memory for tiny.' }, routing: null, context: null }));
    const badge = screen.getByTestId('message-badge');
    expect(badge.dataset.kind).toBe('error');
    expect(badge.textContent).toContain('Not enough memory for tiny.');
    expect(screen.getAllByTestId('message-row').find((r) => r.dataset.role === 'assistant')!.dataset.status).toBe('error');
  });
});
