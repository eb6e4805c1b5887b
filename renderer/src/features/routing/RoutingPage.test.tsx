import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeRouting } from '../../test/fakeRouting.js';
import { makeChat, makeDecision, makeMessage, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { RoutingPage } from './RoutingPage.js';

describe('RoutingPage', () => {
  it('shows replies per domain as bars, overrides, fallbacks and the average confidence', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    installFakeRouting(backend);
    const reply = (id: string, routing: ReturnType<typeof makeDecision>) => makeMessage({ id, chatId: 'c1', role: 'assistant', routing });
    backend.addChat(makeChat({ id: 'c1' }), [
      reply('a1', makeDecision({ domain: 'healthcare', confidence: 0.9 })),
      reply('a2', makeDecision({ domain: 'healthcare', confidence: 0.7, fallback: 'Preferred model x is not installed; used tiny.' })),
      reply('a3', makeDecision({ domain: 'coding', mode: 'override' })),
    ]);
    const { store } = renderWithStore(<RoutingPage />, backend.client);
    await act(() => store.getState().syncAll());
    await waitFor(() => expect(screen.getByTestId('routing-stats-total').textContent).toBe('3'));
    expect(screen.getByTestId('routing-stats-confidence').textContent).toBe('0.80');
    expect(screen.getByTestId('routing-stats-overrides').textContent).toBe('1 (33%)');
    expect(screen.getByTestId('routing-stats-fallbacks').textContent).toBe('1 (33%)');
    const bars = within(screen.getByTestId('routing-stats-domains')).getAllByTestId('routing-score');
    expect(bars.map((b) => [b.dataset.domain, b.textContent])).toEqual([
      ['healthcare', '🩺 Healthcare2'],
      ['coding', '⌨ Coding1'],
    ]);
    expect(within(bars[0]!).getByRole('meter').getAttribute('aria-valuemax')).toBe('2');
  });

  it('says so when nothing was routed yet, and the router box previews a decision with its scores', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny', name: 'Tiny Llama' })]);
    installFakeRouting(backend);
    const { store } = renderWithStore(<RoutingPage />, backend.client);
    await act(() => store.getState().syncAll());
    expect(await screen.findByTestId('routing-stats-empty')).toBeTruthy();
    fireEvent.change(screen.getByTestId('router-preview-input'), { target: { value: 'what dose for a fever' } });
    fireEvent.click(screen.getByTestId('router-preview-button'));
    const result = await screen.findByTestId('router-preview-result');
    expect(backend.client.callsTo('routing.route')).toEqual([{ text: 'what dose for a fever' }]);
    expect(result.dataset.domain).toBe('healthcare');
    expect(result.textContent).toContain('Healthcare');
    expect(result.textContent).toContain('Tiny Llama');
    expect(within(result).getAllByTestId('routing-score').map((b) => b.dataset.domain)).toEqual(['healthcare', 'general', 'coding', 'creative']);
    // Nothing was stored: no chat was made.
    expect(backend.client.callsTo('chat.turn')).toEqual([]);
  });

  it('says why when the profiles cannot be read', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    const { store } = renderWithStore(<RoutingPage />, backend.client);
    await act(() => store.getState().syncAll());
    expect((await screen.findByRole('alert')).textContent).toMatch(/Profiles could not be loaded: .*profiles.list/);
  });
});
