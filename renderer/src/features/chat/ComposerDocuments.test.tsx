import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HearthError } from '../../../../main/contract/errors.js';
import { createFakeBackend } from '../../test/fakeBackend.js';
import { installFakeDocuments, makeCollection } from '../../test/fakeDocuments.js';
import { makeChat, makeModel } from '../../test/fixtures.js';
import { renderWithStore } from '../../test/renderWithStore.js';
import { Composer } from './Composer.js';
import { droppedPaths, fileUriToPath } from './droppedPaths.js';

async function setup(chatId: string | null = 'c1') {
  const backend = createFakeBackend([makeModel({ id: 'tiny' })]);
  installFakeDocuments(backend.client, [makeCollection({ id: 'd1', name: 'Manuals' }), makeCollection({ id: 'd2', name: 'Recipes' })]);
  backend.addChat(makeChat({ id: 'c1', modelId: 'tiny' }), []);
  const view = renderWithStore(<Composer />, backend.client);
  await act(() => view.store.getState().syncAll());
  if (chatId) act(() => view.store.getState().selectChat(chatId));
  await waitFor(() => expect(view.store.getState().docCollections).toHaveLength(2));
  if (chatId) await waitFor(() => expect(view.store.getState().chatsById[chatId]).toBeTruthy());
  return { ...view, backend, input: screen.getByTestId('composer-input') as HTMLTextAreaElement };
}

function drop(target: HTMLElement, uriList: string, files: File[] = []) {
  const dataTransfer = { types: ['Files', 'text/uri-list'], files, getData: (type: string) => (type === 'text/uri-list' ? uriList : '') };
  fireEvent.dragOver(target, { dataTransfer });
  fireEvent.drop(target, { dataTransfer });
}

const option = (name: string) => screen.getAllByTestId('attach-option').find((o) => o.closest('label')?.textContent === name) as HTMLInputElement;

describe('Composer: documents', () => {
  it('attaches and detaches collections on a chat with chats.update, and shows them on the chat', async () => {
    const { backend } = await setup();
    const button = screen.getByTestId('attach-button');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(option('Manuals'));
    await waitFor(() => expect(backend.client.callsTo('chats.update')).toEqual([{ chatId: 'c1', collectionIds: ['d1'] }]));
    fireEvent.click(option('Recipes'));
    await waitFor(() => expect(backend.client.callsTo('chats.update').at(-1)).toEqual({ chatId: 'c1', collectionIds: ['d1', 'd2'] }));
    const chips = await screen.findAllByTestId('attached-collection');
    expect(chips.map((c) => c.textContent?.trim())).toEqual(['Manuals', 'Recipes']);
    expect(option('Manuals').checked).toBe(true);
    fireEvent.click(within(chips[0]!).getByRole('button', { name: 'Stop answering from Manuals' }));
    await waitFor(() => expect(backend.client.callsTo('chats.update').at(-1)).toEqual({ chatId: 'c1', collectionIds: ['d2'] }));
    await waitFor(() => expect(screen.getAllByTestId('attached-collection').map((c) => c.textContent?.trim())).toEqual(['Recipes']));
    fireEvent.keyDown(option('Recipes'), { key: 'Escape' });
    expect(screen.queryByTestId('attach-menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('a collection removed elsewhere leaves the chat’s attachments', async () => {
    const { backend, store } = await setup();
    fireEvent.click(screen.getByTestId('attach-button'));
    fireEvent.click(option('Manuals'));
    fireEvent.click(option('Recipes'));
    await waitFor(() => expect(screen.getAllByTestId('attached-collection')).toHaveLength(2));
    act(() => backend.client.emit('documents.changed', { collectionId: 'd1', reason: 'removed' }));
    expect(screen.getAllByTestId('attached-collection').map((c) => c.dataset.collectionId)).toEqual(['d2']);
    expect(store.getState().chatsById.c1!.collectionIds).toEqual(['d2']);
  });

  it('an attachment main refuses is taken back, with the reason', async () => {
    const { backend, store } = await setup();
    backend.client.handle('chats.update', () => {
      throw new HearthError('NOT_FOUND', 'Document collection d1 does not exist.');
    });
    fireEvent.click(screen.getByTestId('attach-button'));
    fireEvent.click(option('Manuals'));
    await waitFor(() => expect(store.getState().toasts.at(-1)?.code).toBe('NOT_FOUND'));
    expect(screen.queryByTestId('attached-collection')).toBeNull();
    expect(option('Manuals').checked).toBe(false);
  });

  it('a new chat is created with the collections attached to the draft', async () => {
    const { backend, input } = await setup(null);
    fireEvent.click(screen.getByTestId('attach-button'));
    fireEvent.click(option('Recipes'));
    expect(backend.client.callsTo('chats.update')).toHaveLength(0);
    expect(screen.getAllByTestId('attached-collection').map((c) => c.textContent?.trim())).toEqual(['Recipes']);
    fireEvent.change(input, { target: { value: 'What is in the soup?' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(backend.client.callsTo('chat.turn')).toEqual([{ newChat: { collectionIds: ['d2'] }, action: { type: 'send', text: 'What is in the soup?' } }]));
  });

  it('files dropped on the composer wait as removable chips and go with the next message only', async () => {
    const { backend, input } = await setup();
    drop(screen.getByTestId('composer'), '# dragged from the file manager\r\nfile:///home/u/Notes/a%20plan.md\r\nhttps://example.com/x\r\nfile:///home/u/Notes/todo.txt');
    expect(screen.getAllByTestId('composer-file').map((c) => c.dataset.path)).toEqual(['/home/u/Notes/a plan.md', '/home/u/Notes/todo.txt']);
    expect(screen.getAllByTestId('composer-file')[0]!.textContent?.trim()).toBe('a plan.md');
    fireEvent.click(screen.getByRole('button', { name: 'Remove todo.txt' }));
    expect(screen.getAllByTestId('composer-file').map((c) => c.dataset.path)).toEqual(['/home/u/Notes/a plan.md']);
    fireEvent.change(input, { target: { value: 'Summarise my plan' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(backend.client.callsTo('chat.turn')).toEqual([{ chatId: 'c1', action: { type: 'send', text: 'Summarise my plan', files: ['/home/u/Notes/a plan.md'] } }]));
    await waitFor(() => expect(screen.queryByTestId('composer-file')).toBeNull());
  });

  it('a file can be added by typing its path, and a drop without paths says so', async () => {
    const { store } = await setup();
    fireEvent.click(screen.getByTestId('attach-button'));
    const path = screen.getByTestId('attach-file-input');
    fireEvent.change(path, { target: { value: 'relative.md' } });
    expect((screen.getByTestId('attach-file-button') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(path, { target: { value: '/home/u/report.pdf' } });
    fireEvent.click(screen.getByTestId('attach-file-button'));
    expect(screen.getAllByTestId('composer-file').map((c) => c.dataset.path)).toEqual(['/home/u/report.pdf']);
    drop(screen.getByTestId('composer'), '', [new File(['x'], 'secret.txt')]);
    expect(store.getState().toasts.at(-1)?.kind).toBe('info');
    expect(screen.getAllByTestId('composer-file')).toHaveLength(1);
  });

  it('in the desktop app, asks the preload where a dropped File lives (no file: URI there)', async () => {
    const file = new File(['x'], 'lease.pdf');
    window.hearth = { shell: 'electron', invoke: () => Promise.reject(new Error('unused')), onEvent: () => () => {}, pathForFile: (f) => (f === file ? '/home/u/lease.pdf' : '') };
    try {
      await setup();
      drop(screen.getByTestId('composer'), '', [file]);
      expect(screen.getAllByTestId('composer-file').map((c) => c.dataset.path)).toEqual(['/home/u/lease.pdf']);
    } finally {
      delete window.hearth;
    }
  });
});

describe('droppedPaths', () => {
  it('reads file: URIs (POSIX, Windows, UNC) and a File path when the shell gives one', () => {
    expect(fileUriToPath('file:///C:/Users/u/My%20Notes.md')).toBe('C:/Users/u/My Notes.md');
    expect(fileUriToPath('file://server/share/a.txt')).toBe('//server/share/a.txt');
    expect(fileUriToPath('https://example.com/a.txt')).toBeNull();
    expect(fileUriToPath('not a uri')).toBeNull();
    const withPath = Object.assign(new File(['x'], 'b.md'), { path: '/home/u/b.md' });
    expect(droppedPaths({ uriList: 'file:///home/u/a.md\nfile:///home/u/a.md', files: [withPath, new File(['y'], 'c.md')] })).toEqual(['/home/u/a.md', '/home/u/b.md']);
  });

  it('asks the desktop shell where each File lives (Electron 32+ gives File no path)', () => {
    const files = [new File(['x'], 'a.md'), new File(['y'], 'b.md'), new File(['z'], 'c.md')];
    const where = new Map([[files[0]!, '/home/u/a.md'], [files[1]!, '']]);
    const pathOf = (file: File) => where.get(file) ?? '';
    expect(droppedPaths({ uriList: '', files, pathOf })).toEqual(['/home/u/a.md']);
  });
});
