import { act, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../../main/contract/index.js';
import { makeChat, makeMessage, makeModel } from '../../test/fixtures.js';
import { createFakeClient } from '../../transport/fakeClient.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { MessageList } from './MessageList.js';

/**
 * Proof that a chat.delta re-renders the streaming row and nothing else. Every
 * row is wrapped in a React Profiler (by mocking the row module around the
 * real, memoised row): onRender fires for a row whenever anything in it
 * commits, so the per-row counts are exactly the rows React re-rendered.
 */
const renders = vi.hoisted(() => new Map<string, number>());
vi.mock('./MessageRow.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./MessageRow.js')>();
  const { Profiler, createElement, memo } = await import('react');
  const count = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);
  return {
    MessageRow: memo(function ProfiledRow(props: { messageId: string; isLast: boolean }) {
      return createElement(Profiler, { id: props.messageId, onRender: count }, createElement(actual.MessageRow, props));
    }),
  };
});

// happy-dom does no layout: give the scroller a viewport and each row a height.
const descriptors = {
  clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
  offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight'),
  scrollHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight'),
};
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get(this: HTMLElement) { return this.classList.contains('message-scroller') ? 1200 : 0; } });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get(this: HTMLElement) { return this.classList.contains('message-slot') ? 60 : 0; } });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', { configurable: true, get(this: HTMLElement) { return this.classList.contains('message-scroller') ? parseFloat((this.firstElementChild as HTMLElement).style.height) : 0; } });
});
afterAll(() => {
  for (const key of Object.keys(descriptors)) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[key];
  for (const [key, d] of Object.entries(descriptors)) if (d && key !== 'scrollHeight') Object.defineProperty(HTMLElement.prototype, key, d);
});

const COUNT = 300;

function chatOfMany(): Message[] {
  const messages: Message[] = [];
  for (let i = 0; i < COUNT; i++) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    messages.push(makeMessage({ id: `m${i}`, chatId: 'big', role, content: `${role} message number ${i} with **markdown**` }));
  }
  messages.push(makeMessage({ id: 'live', chatId: 'big', role: 'assistant', status: 'streaming', content: 'Streaming' }));
  return messages;
}

describe('MessageList rendering', () => {
  it('re-renders only the streaming row on chat.delta', async () => {
    const client = createFakeClient();
    const messages = chatOfMany();
    client.handle('chats.get', () => ({ chat: makeChat({ id: 'big', messageCount: messages.length }), messages }));
    client.handle('models.list', () => [makeModel({ id: 'tiny' })]);
    const { store } = renderWithStore(<MessageList chatId="big" />, client);
    await act(() => store.getState().loadChat('big'));

    // The list scrolled itself to the end on open; happy-dom does not fire the scroll event a browser would.
    const scroller = screen.getByTestId('message-list');
    expect(scroller.scrollTop).toBeGreaterThan(0);
    act(() => void scroller.dispatchEvent(new Event('scroll')));
    const rows = screen.getAllByTestId('message-row');
    // Virtualised: far fewer rows in the DOM than messages in the chat, and the streaming one is among them.
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(80);
    const live = screen.getByText('Streaming').closest('[data-testid=message-row]')!;
    expect(live.getAttribute('data-status')).toBe('streaming');
    const rendered = rows.map((r) => r.getAttribute('data-message-id')!);

    renders.clear();
    act(() => client.emit('chat.delta', { chatId: 'big', messageId: 'live', seq: 0, text: ' more' }));
    act(() => client.emit('chat.delta', { chatId: 'big', messageId: 'live', seq: 1, text: ' text' }));

    expect(live.textContent).toContain('Streaming more text');
    expect(Object.fromEntries(renders)).toEqual({ live: 2 });
    for (const id of rendered) if (id !== 'live') expect(renders.get(id)).toBeUndefined();

    // A stale delta changes nothing and renders nothing.
    renders.clear();
    act(() => client.emit('chat.delta', { chatId: 'big', messageId: 'live', seq: 1, text: ' text' }));
    expect(renders.size).toBe(0);

    // (chat.done may re-render the visible rows once: Edit and Regenerate become available again.)
    act(() => client.emit('chat.done', { chatId: 'big', messageId: 'live', content: 'Streaming more text', finishReason: 'eos', stats: null, error: null }));
    expect(live.getAttribute('data-status')).toBe('complete');
  });
});
