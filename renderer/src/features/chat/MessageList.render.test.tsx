import { act, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../../../main/contract/index.js';
import { makeChat, makeMessage, makeModel } from '../../test/fixtures.js';
import { createFakeClient } from '../../transport/fakeClient.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { MessageList } from './MessageList.js';

/**
 * Proof that a chat.delta re-renders the streaming row and nothing else, on
 * the REAL MessageList and the REAL MessageRow. The row module is re-exported
 * with the row's own memo kept exactly as it is (same compare; no memo if the
 * real row has none) and two React Profilers added:
 * - `row:<id>` inside the row's memo: fires when the row itself renders;
 * - `slot:<id>` outside it, in a plain component: fires whenever the list
 *   renders that row's element, so a list re-render shows in every slot.
 */
const renders = vi.hoisted(() => new Map<string, number>());
vi.mock('./MessageRow.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./MessageRow.js')>();
  const { Profiler, createElement, memo } = await import('react');
  type Props = { messageId: string; isLast: boolean };
  const count = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);
  const real = actual.MessageRow as unknown as { $$typeof?: symbol; type?: (props: Props) => unknown; compare?: ((a: Props, b: Props) => boolean) | null };
  const isMemo = real.$$typeof === Symbol.for('react.memo');
  const body = (isMemo ? real.type! : actual.MessageRow) as (props: Props) => ReturnType<typeof createElement>;
  const profiledBody = (props: Props) => createElement(Profiler, { id: `row:${props.messageId}`, onRender: count }, createElement(body, props));
  const Row = isMemo ? memo(profiledBody, real.compare ?? undefined) : profiledBody;
  return {
    ...actual,
    MessageRow: function Slot(props: Props) {
      return createElement(Profiler, { id: `slot:${props.messageId}`, onRender: count }, createElement(Row, props));
    },
  };
});

/** happy-dom never calls a ResizeObserver: this one is called by the test, as a browser would when a row grows. */
const observers = vi.hoisted(() => [] as Array<{ callback: (entries: unknown[]) => void; targets: Set<Element> }>);
class FakeResizeObserver {
  private readonly record: { callback: (entries: unknown[]) => void; targets: Set<Element> };
  constructor(callback: (entries: unknown[]) => void) {
    this.record = { callback, targets: new Set() };
    observers.push(this.record);
  }
  observe(target: Element) {
    this.record.targets.add(target);
  }
  unobserve(target: Element) {
    this.record.targets.delete(target);
  }
  disconnect() {
    this.record.targets.clear();
  }
}

// happy-dom does no layout: give the scroller a viewport and each row a height.
const descriptors = {
  clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
  offsetHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight'),
  scrollHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight'),
};
/** Row heights by message id (60 px unless a test grows one). */
const heights = new Map<string, number>();
beforeAll(() => {
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get(this: HTMLElement) { return this.classList.contains('message-scroller') ? 1200 : 0; } });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get(this: HTMLElement) { return this.classList.contains('message-slot') ? (heights.get(this.querySelector('[data-message-id]')?.getAttribute('data-message-id') ?? '') ?? 60) : 0; } });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', { configurable: true, get(this: HTMLElement) { return this.classList.contains('message-scroller') ? parseFloat((this.firstElementChild as HTMLElement).style.height) : 0; } });
});
afterAll(() => {
  vi.unstubAllGlobals();
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

const others = (ids: string[]) => ids.filter((id) => id !== 'live');
const counted = (prefix: string, ids: string[]) => Object.fromEntries(ids.map((id) => [id, renders.get(`${prefix}:${id}`) ?? 0]));

describe('MessageList rendering', () => {
  it('re-renders only the streaming row on chat.delta, and never the list', async () => {
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
    expect(rendered).toContain('live');

    renders.clear();
    act(() => client.emit('chat.delta', { chatId: 'big', messageId: 'live', seq: 0, text: ' more' }));
    act(() => client.emit('chat.delta', { chatId: 'big', messageId: 'live', seq: 1, text: ' text' }));

    expect(live.textContent).toContain('Streaming more text');
    expect(renders.get('row:live')).toBe(2);
    // No other row rendered, and the list rendered no row element at all (slot:live fires only because its row did).
    expect(counted('slot', others(rendered))).toEqual(Object.fromEntries(others(rendered).map((id) => [id, 0])));
    expect(counted('row', others(rendered))).toEqual(Object.fromEntries(others(rendered).map((id) => [id, 0])));

    // A stale delta changes nothing and renders nothing.
    renders.clear();
    act(() => client.emit('chat.delta', { chatId: 'big', messageId: 'live', seq: 1, text: ' text' }));
    expect(renders.size).toBe(0);

    // The reply grows a line: the virtualiser measures it and the list lays out again (by design), yet
    // the real row's memo keeps every other row from rendering. Without that memo, each visible row would.
    renders.clear();
    act(() => client.emit('chat.delta', { chatId: 'big', messageId: 'live', seq: 2, text: '\n\nA second paragraph.' }));
    heights.set('live', 140);
    const slot = live.closest('.message-slot')!;
    const observer = observers.find((o) => o.targets.has(slot));
    expect(observer, 'the virtualiser observes the streaming row\'s size').toBeDefined();
    act(() => observer!.callback([{ target: slot, borderBoxSize: [{ blockSize: 140, inlineSize: 800 }] }]));
    const listRenders = others(rendered).filter((id) => (renders.get(`slot:${id}`) ?? 0) > 0);
    expect(listRenders.length, 'the list laid out again after the row grew').toBeGreaterThan(0);
    expect(counted('row', listRenders)).toEqual(Object.fromEntries(listRenders.map((id) => [id, 0])));

    // (chat.done may re-render the visible rows once: Edit and Regenerate become available again.)
    act(() => client.emit('chat.done', { chatId: 'big', messageId: 'live', content: 'Streaming more text\n\nA second paragraph.', finishReason: 'eos', stats: null, error: null, routing: null, context: null }));
    expect(live.getAttribute('data-status')).toBe('complete');
  });
});
