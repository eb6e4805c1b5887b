import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeRouting } from '../../test/fakeRouting.js';
import { makeChat, makeDecision, makeMessage, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { MessageRow } from '../chat/MessageRow.js';

const decision = makeDecision({
  domain: 'healthcare',
  confidence: 0.86,
  scores: { healthcare: 0.86, general: 0.08, coding: 0.04, creative: 0.02 },
  reasons: ['"fever", "dose" weighed most', 'above the 0.40 threshold'],
  tier: 'fast',
  modelId: 'tiny',
  fallback: 'Preferred model qwen2.5-3b-instruct is not installed; used Tiny Llama.',
  method: 'lexical+embedding',
  systemPrompt: 'You give medical information, not diagnosis.',
});

async function setup({ lastIsReply = true } = {}) {
  const backend = createFakeBackend([makeModel({ id: 'tiny', name: 'Tiny Llama' })]);
  const routing = installFakeRouting(backend);
  const messages = [
    makeMessage({ id: 'u1', chatId: 'c1', role: 'user', content: 'What dose of ibuprofen for a fever?' }),
    makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: 'Usually 200-400 mg.', modelId: 'tiny', domain: 'healthcare', routing: decision }),
  ];
  if (!lastIsReply) messages.push(makeMessage({ id: 'u2', chatId: 'c1', role: 'user', content: 'Thanks' }));
  backend.addChat(makeChat({ id: 'c1' }), messages);
  const view = renderWithStore(
    <>
      <button>outside</button>
      <MessageRow messageId="a1" isLast={lastIsReply} />
    </>,
    backend.client,
  );
  await act(() => view.store.getState().syncAll());
  await act(() => view.store.getState().loadChat('c1'));
  return { ...view, backend, routing, chip: screen.getByTestId('routing-chip') };
}

describe('RoutingChip', () => {
  it("shows the profile and confidence in the profile's colour, and a mark when another model answered", async () => {
    const { chip } = await setup();
    expect(chip.textContent).toContain('Healthcare · 0.86');
    expect(chip.dataset.domain).toBe('healthcare');
    expect(chip.style.getPropertyValue('--profile-color')).toBe('#0e9f6e');
    expect(chip.getAttribute('aria-haspopup')).toBe('dialog');
    expect(chip.getAttribute('aria-expanded')).toBe('false');
    expect(within(chip).getByLabelText('(another model answered)')).toBeTruthy();
    // The reply itself says which model answered instead, without opening anything.
    expect(screen.getByTestId('reply-fallback').textContent).toBe('Preferred model qwen2.5-3b-instruct is not installed; used Tiny Llama.');
  });

  it('opens a dialog with every score as a bar, the reasons, tier, method, model and fallback; Escape closes it and refocuses the chip', async () => {
    const { chip } = await setup();
    fireEvent.click(chip);
    const popover = screen.getByRole('dialog');
    expect(chip.getAttribute('aria-expanded')).toBe('true');
    expect(chip.getAttribute('aria-controls')).toBe(popover.id);
    expect(document.activeElement).toBe(popover);
    const bars = within(popover).getAllByTestId('routing-score');
    expect(bars.map((b) => b.dataset.domain)).toEqual(['healthcare', 'general', 'coding', 'creative']);
    expect(within(bars[0]!).getByRole('meter').getAttribute('aria-valuenow')).toBe('0.86');
    expect(bars[0]!.textContent).toContain('0.86');
    expect(within(popover).getByTestId('routing-reasons').textContent).toContain('"fever", "dose" weighed most');
    expect(within(popover).getByTestId('routing-tier').textContent).toMatch(/Fast/);
    expect(within(popover).getByTestId('routing-method').textContent).toMatch(/lexical \+ embedding/);
    expect(within(popover).getByTestId('routing-model').textContent).toBe('Tiny Llama');
    expect(within(popover).getByTestId('routing-fallback').textContent).toBe('Preferred model qwen2.5-3b-instruct is not installed; used Tiny Llama.');
    expect(within(popover).getByTestId('routing-system-prompt').textContent).toBe('You give medical information, not diagnosis.');
    fireEvent.keyDown(popover, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(chip);
    expect(chip.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on a click outside', async () => {
    const { chip } = await setup();
    fireEvent.click(chip);
    expect(screen.getByRole('dialog')).toBeTruthy();
    fireEvent.mouseDown(screen.getByText('outside'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('re-routes from a keyboard-driven menu of the other enabled profiles: a reroute turn, and the new reply streams with that profile', async () => {
    const { chip, backend, store, routing } = await setup();
    routing.profiles.find((p) => p.id === 'creative')!.enabled = false;
    await act(() => store.getState().loadProfiles());
    fireEvent.click(chip);
    const button = screen.getByTestId('reroute-button');
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    fireEvent.click(button);
    const menu = screen.getByRole('menu');
    const items = within(menu).getAllByRole('menuitem');
    // Not the reply's own profile, not a disabled one.
    expect(items.map((i) => i.dataset.domain)).toEqual(['general', 'coding']);
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[0]);
    // Escape closes the menu only; the popover stays.
    fireEvent.keyDown(items[0]!, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(document.activeElement).toBe(button);

    fireEvent.keyDown(button, { key: 'ArrowDown' });
    fireEvent.click(within(screen.getByRole('menu')).getAllByRole('menuitem')[1]!);
    await waitFor(() => expect(backend.client.callsTo('chat.turn')).toEqual([{ action: { type: 'reroute', messageId: 'a1', profileId: 'coding' } }]));
    expect(screen.queryByRole('dialog')).toBeNull();
    const ids = store.getState().messageIdsByChat.c1!;
    expect(ids[0]).toBe('u1');
    expect(ids).not.toContain('a1');
    const reply = store.getState().messagesById[ids[1]!]!;
    expect(reply).toMatchObject({ status: 'streaming', domain: 'coding' });
    expect(reply.routing).toMatchObject({ domain: 'coding', mode: 'override', systemPrompt: 'Code first, then a short explanation.' });
  });

  it('re-routes an earlier reply too, saying first that what followed it goes', async () => {
    const { chip, backend, store } = await setup({ lastIsReply: false });
    fireEvent.click(chip);
    const button = screen.getByTestId('reroute-button');
    expect(screen.getByTestId('reroute-note').textContent).toBe('Replaces this reply and removes the message after it.');
    expect(button.getAttribute('aria-describedby')).toBe(screen.getByTestId('reroute-note').id);
    fireEvent.click(button);
    fireEvent.click(screen.getAllByRole('menuitem')[0]!);
    await waitFor(() => expect(backend.client.callsTo('chat.turn')).toEqual([{ action: { type: 'reroute', messageId: 'a1', profileId: 'general' } }]));
    await waitFor(() => expect(store.getState().messageIdsByChat.c1).toHaveLength(2));
    expect(store.getState().messageIdsByChat.c1).not.toContain('u2');
  });

  it('offers no re-route while a reply in the chat is streaming', async () => {
    const { chip, store } = await setup();
    act(() => store.getState().selectChat('c1'));
    await act(() => store.getState().sendMessage('one more'));
    expect(store.getState().messageIdsByChat.c1).toHaveLength(4);
    fireEvent.click(chip);
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(screen.queryByTestId('reroute-button')).toBeNull();
  });
});
