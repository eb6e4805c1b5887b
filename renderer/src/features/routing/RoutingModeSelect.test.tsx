import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeRouting } from '../../test/fakeRouting.js';
import { makeChat, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { RoutingModeSelect } from './RoutingModeSelect.js';

async function setup(routingMode = 'auto') {
  const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
  const routing = installFakeRouting(backend);
  routing.profiles.find((p) => p.id === 'creative')!.enabled = false;
  backend.addChat(makeChat({ id: 'c1', routingMode }), []);
  const view = renderWithStore(<RoutingModeSelect />, backend.client);
  await act(() => view.store.getState().syncAll());
  await act(async () => {
    view.store.getState().selectChat('c1');
    await view.store.getState().loadChat('c1');
  });
  return { ...view, backend, select: screen.getByTestId('routing-mode') as HTMLSelectElement };
}

const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => `${o.value}${o.disabled ? ' (off)' : ''}`);

describe('RoutingModeSelect', () => {
  it('offers Auto and the enabled profiles, and pins the chat with chats.update', async () => {
    const { select, backend, store } = await setup();
    expect(select.value).toBe('auto');
    expect(optionTexts(select)).toEqual(['auto', 'general', 'healthcare', 'coding']);
    fireEvent.change(select, { target: { value: 'healthcare' } });
    await waitFor(() => expect(backend.client.callsTo('chats.update')).toEqual([{ chatId: 'c1', routingMode: 'healthcare' }]));
    await waitFor(() => expect(select.value).toBe('healthcare'));
    expect(store.getState().chatsById.c1!.routingMode).toBe('healthcare');
    fireEvent.change(select, { target: { value: 'auto' } });
    await waitFor(() => expect(backend.client.callsTo('chats.update').at(-1)).toEqual({ chatId: 'c1', routingMode: 'auto' }));
  });

  it('keeps showing a pinned profile that was disabled since, marked and not choosable', async () => {
    const { select } = await setup('creative');
    expect(select.value).toBe('creative');
    expect(optionTexts(select)).toEqual(['auto', 'creative (off)', 'general', 'healthcare', 'coding']);
    expect(select.selectedOptions[0]!.textContent).toContain('(disabled)');
  });

  it('sets the draft for a chat not created yet', async () => {
    const { select, backend, store } = await setup();
    act(() => store.getState().newChat());
    expect(select.value).toBe('auto');
    fireEvent.change(select, { target: { value: 'coding' } });
    await waitFor(() => expect(store.getState().draft.routingMode).toBe('coding'));
    expect(backend.client.callsTo('chats.update')).toEqual([]);
  });

  it('is absent when no profiles could be loaded', () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    renderWithStore(<RoutingModeSelect />, backend.client);
    expect(screen.queryByTestId('routing-mode')).toBeNull();
  });
});
