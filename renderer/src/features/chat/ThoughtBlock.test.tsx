import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ReplyStats } from '../../../../main/contract/index.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeChat, makeMessage, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { MessageRow } from './MessageRow.js';

const stats: ReplyStats = { promptTokens: 20, completionTokens: 64, thoughtTokens: 50, timeToFirstTokenMs: 120, tokensPerSecond: 30, totalMs: 2200, backend: 'cpu', modelId: 'qwen3' };

/** A chat whose reply is streaming (nothing yet), shown as its row. */
async function streamingReply() {
  const backend = createFakeBackend([makeModel({ id: 'qwen3', name: 'Qwen3 0.6B' })]);
  backend.addChat(makeChat({ id: 'c1', modelId: 'qwen3' }), [
    makeMessage({ id: 'u1', chatId: 'c1', role: 'user', content: 'Is 91 prime?' }),
    makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: '', status: 'streaming', modelId: 'qwen3' }),
  ]);
  const view = renderWithStore(<MessageRow messageId="a1" isLast />, backend.client);
  await act(() => view.store.getState().syncAll());
  await act(() => view.store.getState().loadChat('c1'));
  let seq = 0;
  const delta = (text: string, thought = false) =>
    act(() => backend.client.emit('chat.delta', { chatId: 'c1', messageId: 'a1', seq: seq++, text, ...(thought ? { segment: 'thought' as const } : {}) }));
  const done = (content: string, thought: { text: string; durationMs: number; tokens: number } | null) =>
    act(() => backend.client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content, thought, finishReason: 'eos', stats, error: null, routing: null, context: null }));
  return { ...view, backend, delta, done };
}

const toggle = () => screen.getByTestId('thought-toggle');
const answer = () => screen.getByTestId('message-content');

describe('ThoughtBlock in a reply', () => {
  it('shows "Thinking…" with the thought as it streams, open, and no answer text yet', async () => {
    const { delta } = await streamingReply();
    expect(screen.queryByTestId('thought')).toBeNull();
    delta('91 = 7 × 13', true);
    delta(', so not prime.', true);
    expect(toggle().textContent).toBe('Thinking…');
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('thought-text').textContent).toBe('91 = 7 × 13, so not prime.');
    expect(toggle().getAttribute('aria-controls')).toBe(screen.getByTestId('thought-text').id);
    // The thought is not the answer, and the typing dots give way to "Thinking…".
    expect(answer().textContent).toBe('');
    expect(answer().querySelector('.typing')).toBeNull();
  });

  it('collapses above the answer once the answer starts, then reads "Thought for N s" from chat.done', async () => {
    const { delta, done } = await streamingReply();
    delta('91 = 7 × 13.', true);
    delta('No, 91 is 7 × 13.');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(toggle().textContent).toMatch(/^Thought for \d+ s$/);
    expect(screen.queryByTestId('thought-text')).toBeNull();
    expect(answer().textContent).toBe('No, 91 is 7 × 13.');
    done('No, 91 is 7 × 13.', { text: '91 = 7 × 13.', durationMs: 14_300, tokens: 50 });
    expect(toggle().textContent).toBe('Thought for 14 s');
    // Above the answer, in document order.
    const row = screen.getByTestId('message-row');
    expect(row.textContent!.indexOf('Thought for')).toBeLessThan(row.textContent!.indexOf('No, 91'));
  });

  it('expands and collapses on click, as a button that says so (aria-expanded)', async () => {
    const { delta, done } = await streamingReply();
    delta('Check small primes.', true);
    delta('No.');
    done('No.', { text: 'Check small primes.', durationMs: 75_000, tokens: 9 });
    expect(toggle().textContent).toBe('Thought for 1 min 15 s');
    fireEvent.click(toggle());
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('thought-text').textContent).toBe('Check small primes.');
    fireEvent.click(toggle());
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('thought-text')).toBeNull();
  });

  it('shows thinking and answer tokens apart in the footer', async () => {
    const { delta, done } = await streamingReply();
    delta('Hmm.', true);
    delta('No.');
    done('No.', { text: 'Hmm.', durationMs: 2_000, tokens: 50 });
    const split = within(screen.getByTestId('message-stats')).getByTestId('message-thought-tokens');
    expect(split.textContent).toBe('Output50 thinking · 14 answer');
  });

  it('shows no block and no split for a reply without a thought', async () => {
    const { delta, backend } = await streamingReply();
    delta('Plain answer.');
    act(() => backend.client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: 'Plain answer.', thought: null, finishReason: 'eos', stats: { ...stats, thoughtTokens: undefined }, error: null, routing: null, context: null }));
    expect(screen.queryByTestId('thought')).toBeNull();
    expect(screen.queryByTestId('message-thought-tokens')).toBeNull();
  });

  it('keeps a thought stopped mid-way, collapsed, on a reply with no answer', async () => {
    const { delta, backend } = await streamingReply();
    delta('Let me think about', true);
    act(() => backend.client.emit('chat.done', { chatId: 'c1', messageId: 'a1', content: '', thought: { text: 'Let me think about', durationMs: 3_000, tokens: 4 }, finishReason: 'aborted', stats: null, error: null, routing: null, context: null }));
    expect(toggle().textContent).toBe('Thought for 3 s');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
  });
});
