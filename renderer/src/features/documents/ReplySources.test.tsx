import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HearthError } from '../../../../main/contract/errors.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeDocuments, makeCollection, makeDocSource, makeReplySource } from '../../test/fakeDocuments.js';
import { makeChat, makeMessage, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { MessageRow } from '../chat/MessageRow.js';

const SOURCES = [
  makeReplySource({ n: 2, path: '/home/u/Manuals/manual.pdf', title: 'Heating manual', page: 4, text: 'Bleed the radiators once a year.' }),
  makeReplySource({ n: 1, path: '/home/u/Manuals/boiler.md', heading: 'Boiler > Pressure', lines: [12, 18], text: 'Keep the pressure between 1 and 2 bar.' }),
];

async function setup(shell: 'browser' | 'electron' = 'browser', sources = SOURCES) {
  const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
  if (shell === 'electron') backend.client.handle('app.info', () => ({ version: '0.1.0', dataDir: '/data', platform: 'linux', shell: 'electron' }));
  const docs = installFakeDocuments(backend.client, [makeCollection({ id: 'd1', name: 'Manuals' })]);
  docs.sources.d1 = sources.map((s, i) => makeDocSource({ id: i + 1, collectionId: 'd1', path: s.path }));
  backend.addChat(makeChat({ id: 'c1', collectionIds: ['d1'] }), [
    makeMessage({ id: 'u1', chatId: 'c1', role: 'user', content: 'How do I keep the boiler safe?' }),
    makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: 'Keep the pressure right [1] and bleed the radiators [2].', sources, finishReason: 'eos' }),
  ]);
  const view = renderWithStore(<MessageRow messageId="a1" isLast />, backend.client);
  await act(() => view.store.getState().syncAll());
  await act(() => view.store.getState().loadChat('c1'));
  return { ...view, backend, docs };
}

describe('ReplySources', () => {
  it('lists a reply’s sources in their numbered order with file, heading and page or lines', async () => {
    await setup();
    const items = within(screen.getByTestId('reply-sources')).getAllByTestId('reply-source');
    expect(items.map((i) => i.dataset.n)).toEqual(['1', '2']);
    expect(items[0]!.textContent).toContain('[1]');
    expect(items[0]!.textContent).toContain('boiler.md');
    expect(within(items[0]!).getByTestId('source-place').textContent).toBe('Boiler > Pressure · lines 12–18');
    expect(items[1]!.textContent).toContain('Heating manual');
    expect(within(items[1]!).getByTestId('source-place').textContent).toBe('page 4');
    expect(screen.getByRole('region', { name: 'Sources' })).toBeTruthy();
  });

  it('shows the excerpt when the source is clicked, and hides it again', async () => {
    await setup();
    const item = screen.getAllByTestId('reply-source')[0]!;
    const toggle = within(item).getByTestId('reply-source-toggle');
    const excerpt = within(item).getByTestId('reply-source-excerpt');
    expect(excerpt.hidden).toBe(true);
    expect(toggle.getAttribute('title')).toBe('Keep the pressure between 1 and 2 bar.');
    fireEvent.click(toggle);
    expect(excerpt.hidden).toBe(false);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe(excerpt.id);
    expect(excerpt.textContent).toBe('Keep the pressure between 1 and 2 bar.');
    fireEvent.click(toggle);
    expect(excerpt.hidden).toBe(true);
  });

  it('opens the file only after the user confirms', async () => {
    const { backend, docs } = await setup();
    const item = screen.getAllByTestId('reply-source')[1]!;
    fireEvent.click(within(item).getByTestId('reply-source-open'));
    const dialog = screen.getByTestId('confirm-dialog');
    expect(dialog.textContent).toContain('/home/u/Manuals/manual.pdf');
    fireEvent.click(within(dialog).getByTestId('cancel-button'));
    expect(backend.client.callsTo('documents.open')).toHaveLength(0);
    fireEvent.click(within(item).getByTestId('reply-source-open'));
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByTestId('confirm-button'));
    await waitFor(() => expect(docs.opened).toEqual(['/home/u/Manuals/manual.pdf']));
    await waitFor(() => expect(screen.queryByTestId('confirm-dialog')).toBeNull());
  });

  it('in the desktop app leaves the question to main’s own dialog, and a "no" there is not an error', async () => {
    const { backend, store } = await setup('electron');
    await waitFor(() => expect(store.getState().appInfo?.shell).toBe('electron'));
    backend.client.handle('documents.open', () => {
      throw new HearthError('ABORTED', 'Hearth did not open manual.pdf: you chose not to.');
    });
    fireEvent.click(within(screen.getAllByTestId('reply-source')[1]!).getByTestId('reply-source-open'));
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    await waitFor(() => expect(backend.client.callsTo('documents.open')).toEqual([{ path: '/home/u/Manuals/manual.pdf' }]));
    expect(store.getState().toasts).toEqual([]);
  });

  it('a refused open becomes an error toast', async () => {
    const { store, docs } = await setup();
    docs.sources.d1 = [];
    fireEvent.click(within(screen.getAllByTestId('reply-source')[0]!).getByTestId('reply-source-open'));
    fireEvent.click(within(screen.getByTestId('confirm-dialog')).getByTestId('confirm-button'));
    await waitFor(() => expect(store.getState().toasts.at(-1)?.code).toBe('NOT_FOUND'));
  });

  it('links each [n] in the reply to its source, and nothing beyond the sources or inside code', async () => {
    const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
    backend.addChat(makeChat({ id: 'c1' }), [
      makeMessage({ id: 'a1', chatId: 'c1', role: 'assistant', content: 'Pressure [1], radiators [2], nothing [3]; `code [1]`.', sources: SOURCES, finishReason: 'eos' }),
    ]);
    const view = renderWithStore(<MessageRow messageId="a1" isLast />, backend.client);
    await act(() => view.store.getState().loadChat('c1'));
    const cites = screen.getAllByTestId('citation');
    expect(cites.map((c) => [c.dataset.n, c.textContent])).toEqual([
      ['1', '[1]'],
      ['2', '[2]'],
    ]);
    expect(screen.getByTestId('message-content').textContent).toContain('nothing [3]');
    expect(screen.getByTestId('message-content').querySelector('code')?.textContent).toBe('code [1]');
    const second = screen.getAllByTestId('reply-source')[1]!;
    fireEvent.click(cites[1]!);
    expect(within(second).getByTestId('reply-source-excerpt').hidden).toBe(false);
    expect(document.activeElement).toBe(within(second).getByTestId('reply-source-toggle'));
    // A second click keeps it open (it shows the source, it does not toggle it).
    fireEvent.click(cites[1]!);
    expect(within(second).getByTestId('reply-source-excerpt').hidden).toBe(false);
  });

  it('a reply whose retrieval found nothing says so; a reply of a chat without documents says nothing', async () => {
    await setup('browser', []);
    expect(screen.getByTestId('reply-sources-none').textContent).toBe('Nothing in the attached documents matched this message.');
    expect(screen.queryByTestId('reply-sources')).toBeNull();
  });

  it('a streaming reply gets its sources from chat.done', async () => {
    const { backend, store } = await setup('browser', []);
    act(() => store.setState((s) => ({ messagesById: { ...s.messagesById, a1: { ...s.messagesById.a1!, sources: undefined, status: 'streaming' } } })));
    expect(screen.queryByTestId('reply-sources')).toBeNull();
    expect(screen.queryByTestId('reply-sources-none')).toBeNull();
    act(() => store.getState().applyDone({ chatId: 'c1', messageId: 'a1', content: 'Done [1].', finishReason: 'eos', stats: null, error: null, routing: null, context: null, sources: [SOURCES[1]!] }));
    expect(within(screen.getByTestId('reply-sources')).getAllByTestId('reply-source').map((i) => i.dataset.path)).toEqual(['/home/u/Manuals/boiler.md']);
    expect(backend.client.violations).toEqual([]);
  });
});
