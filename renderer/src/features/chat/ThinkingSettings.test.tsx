import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ModelFamily } from '../../../../main/contract/index.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { makeChat, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { activeChat } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { ChatSettingsDialog } from './ChatSettingsDialog.js';

/** As the app opens it: once the chat is loaded (the dialog takes its values when it opens). */
function OpenedDialog() {
  return useHearth(activeChat) ? <ChatSettingsDialog /> : null;
}

const family = (thinking: ModelFamily['thinking']): ModelFamily => ({ architecture: 'qwen3', chatWrapper: null, templateFallback: null, thinking, tools: null, trainedContext: 32_768, contextUsed: null, licence: null, catalogId: null });

async function setup(thinking: ModelFamily['thinking'], chat: Partial<ReturnType<typeof makeChat>> = {}) {
  const backend = createFakeBackend([makeModel({ id: 'm', name: 'Model M', family: family(thinking) })]);
  backend.addChat(makeChat({ id: 'c1', modelId: 'm', ...chat }), []);
  const view = renderWithStore(<OpenedDialog />, backend.client, (store) => store.setState({ activeChatId: 'c1' }));
  await act(() => view.store.getState().syncAll());
  await act(() => view.store.getState().loadChat('c1'));
  return { ...view, backend };
}

describe('thinking in the chat settings', () => {
  it("saves the switch and the budget with chats.update", async () => {
    const { backend, store } = await setup('hybrid');
    const mode = screen.getByTestId('thinking-mode') as HTMLSelectElement;
    expect(mode.value).toBe('auto');
    expect([...mode.options].map((o) => o.textContent)).toEqual(["Model's default", 'On', 'Off']);
    fireEvent.change(mode, { target: { value: 'off' } });
    fireEvent.change(screen.getByTestId('thinking-budget'), { target: { value: '2048' } });
    fireEvent.click(screen.getByTestId('chat-settings-save'));
    await waitFor(() => expect(backend.client.callsTo('chats.update')).toEqual([expect.objectContaining({ chatId: 'c1', thinking: 'off', thinkingBudget: 2048 })]));
    expect(store.getState().chatsById.c1).toMatchObject({ thinking: 'off', thinkingBudget: 2048 });
    // A hybrid model takes both: no hint.
    expect(screen.queryByTestId('thinking-model-hint')).toBeNull();
  });

  it('shows the chat’s own values, and an empty budget clears the cap', async () => {
    const { backend } = await setup('hybrid', { thinking: 'on', thinkingBudget: 512 });
    expect((screen.getByTestId('thinking-mode') as HTMLSelectElement).value).toBe('on');
    const budget = screen.getByTestId('thinking-budget') as HTMLInputElement;
    expect(budget.value).toBe('512');
    fireEvent.change(budget, { target: { value: '' } });
    fireEvent.click(screen.getByTestId('chat-settings-save'));
    await waitFor(() => expect(backend.client.callsTo('chats.update')).toEqual([expect.objectContaining({ thinking: 'on', thinkingBudget: null })]));
  });

  it('refuses a budget that is not a whole number from 1 to 1,000,000, saving nothing', async () => {
    const { backend } = await setup('hybrid');
    for (const bad of ['0', '2.5', '1000001']) {
      fireEvent.change(screen.getByTestId('thinking-budget'), { target: { value: bad } });
      // Submitted as the form (the browser's own number checks would stop a click first; this is the check behind them).
      fireEvent.submit(screen.getByTestId('chat-settings-save').closest('form')!);
      await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/thinking budget must be a whole number from 1 to 1,000,000/));
    }
    expect(backend.client.callsTo('chats.update')).toEqual([]);
  });

  it('says when the chat’s model does not think, or always does', async () => {
    await setup('none');
    expect(screen.getByTestId('thinking-settings')).toBeTruthy();
    expect(screen.getByTestId('thinking-model-hint').textContent).toBe('Model M does not think: these settings apply when the chat uses a reasoning model.');
  });

  it('says when the model always thinks', async () => {
    await setup('always');
    expect(screen.getByTestId('thinking-model-hint').dataset.capability).toBe('always');
  });
});
