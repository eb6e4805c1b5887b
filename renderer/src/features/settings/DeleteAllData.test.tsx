import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeChat } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { DeleteAllData } from './DeleteAllData.js';

describe('DeleteAllData', () => {
  it('needs DELETE typed exactly, then calls data.deleteAll and clears the chats', async () => {
    const backend = createFakeBackend();
    backend.addChat(makeChat({ id: 'c1' }), []);
    backend.client.handle('data.deleteAll', () => {
      backend.chats.clear();
      return { chats: 1, models: 0 };
    });
    const { store } = renderWithStore(<DeleteAllData />, backend.client);
    await act(() => store.getState().loadChats());
    fireEvent.click(screen.getByTestId('delete-all-button'));
    const input = screen.getByTestId('delete-all-confirm-input');
    expect(document.activeElement).toBe(input);
    const confirm = screen.getByTestId('delete-all-confirm-button') as HTMLButtonElement;
    fireEvent.change(input, { target: { value: 'delete' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(input, { target: { value: 'DELETE' } });
    fireEvent.click(screen.getByTestId('delete-all-include-models'));
    fireEvent.click(confirm);
    await waitFor(() => expect(backend.client.callsTo('data.deleteAll')).toEqual([{ includeModels: true, confirm: 'DELETE' }]));
    await waitFor(() => expect(store.getState().chatSummaries).toEqual([]));
    expect(screen.queryByTestId('delete-all-dialog')).toBeNull();
  });
});
