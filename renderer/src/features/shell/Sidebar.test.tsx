import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeChat, makeMessage } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { Sidebar } from './Sidebar.js';

async function setup() {
  const backend = createFakeBackend();
  backend.addChat(makeChat({ id: 'c1', title: 'SQLite notes', updatedAt: 2 }), [makeMessage({ id: 'u1', chatId: 'c1', content: 'Explain WAL mode' })]);
  backend.addChat(makeChat({ id: 'c2', title: 'Recipes', updatedAt: 1 }), []);
  backend.client.handle('chats.search', ({ text }) => [
    { chatId: 'c1', chatTitle: 'SQLite notes', messageId: 'u1', role: 'user', snippet: `Explain [[${text}]] mode`, createdAt: 1 },
  ]);
  const view = renderWithStore(<Sidebar />, backend.client);
  await act(() => view.store.getState().loadChats());
  return { ...view, backend };
}

describe('Sidebar', () => {
  it('lists chats, newest first', async () => {
    await setup();
    expect(screen.getAllByTestId('chat-item').map((li) => li.dataset.chatId)).toEqual(['c1', 'c2']);
  });

  it('search shows hits with the matches highlighted, and a hit opens its chat', async () => {
    const { backend, store } = await setup();
    fireEvent.change(screen.getByTestId('chat-search'), { target: { value: 'WAL' } });
    const hit = await screen.findByTestId('search-result');
    expect(backend.client.callsTo('chats.search')).toEqual([{ text: 'WAL', limit: 50 }]);
    expect(hit.querySelector('mark')?.textContent).toBe('WAL');
    expect(hit.textContent).toContain('Explain WAL mode');
    expect(screen.queryByTestId('chat-list')).toBeNull();
    fireEvent.click(hit);
    expect(store.getState().activeChatId).toBe('c1');
    expect(store.getState().focusMessageId).toBe('u1');
  });

  it('renames inline with Enter', async () => {
    const { backend } = await setup();
    const item = screen.getAllByTestId('chat-item')[0]!;
    fireEvent.click(within(item).getByTestId('chat-rename-button'));
    const input = screen.getByTestId('chat-rename-input');
    fireEvent.change(input, { target: { value: 'WAL notes' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(backend.client.callsTo('chats.update')).toEqual([{ chatId: 'c1', title: 'WAL notes' }]));
    await waitFor(() => expect(screen.getAllByTestId('chat-item')[0]!.textContent).toContain('WAL notes'));
  });

  it('deletes only after confirmation', async () => {
    const { backend } = await setup();
    const item = screen.getAllByTestId('chat-item')[1]!;
    fireEvent.click(within(item).getByTestId('chat-delete-button'));
    fireEvent.click(screen.getByTestId('cancel-button'));
    expect(backend.client.callsTo('chats.delete')).toHaveLength(0);
    fireEvent.click(within(screen.getAllByTestId('chat-item')[1]!).getByTestId('chat-delete-button'));
    fireEvent.click(screen.getByTestId('confirm-button'));
    await waitFor(() => expect(backend.client.callsTo('chats.delete')).toEqual([{ chatId: 'c2' }]));
    await waitFor(() => expect(screen.getAllByTestId('chat-item')).toHaveLength(1));
  });
});
