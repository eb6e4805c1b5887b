import { describe, expect, it } from 'vitest';
import type { DocCollection, DocProgress, DocSource } from '../../../main/contract/documents.js';
import { HearthError } from '../../../main/contract/errors.js';
import { createFakeClient } from '../transport/fakeClient.js';
import { bindClient, createHearthStore } from './createHearthStore.js';

const collection = (id: string, name: string, extra: Partial<DocCollection> = {}): DocCollection => ({
  id,
  name,
  createdAt: 1,
  roots: [{ path: `/home/u/${name}`, kind: 'folder' }],
  indexedFiles: 0,
  skippedFiles: 0,
  chunks: 0,
  textBytes: 0,
  ...extra,
});
const source = (id: number, path: string, extra: Partial<DocSource> = {}): DocSource => ({
  id,
  collectionId: 'c1',
  path,
  sizeBytes: 10,
  mtimeMs: 1,
  status: 'indexed',
  skipReason: null,
  title: null,
  chunkCount: 1,
  indexedAt: 1,
  ...extra,
});
const progress = (phase: DocProgress['phase'], done: number): DocProgress => ({ collectionId: 'c1', phase, done, total: 3, indexed: done, skipped: 0, currentFile: phase === 'indexing' ? '/home/u/Notes/a.md' : null });

function setup() {
  const client = createFakeClient();
  let collections = [collection('c0', 'Archive')];
  client.handle('documents.list', () => collections);
  client.handle('documents.create', ({ name }) => {
    const created = collection('c1', name);
    collections = [...collections, created];
    return created;
  });
  client.handle('documents.sources', () => [source(1, '/home/u/Notes/a.md'), source(2, '/home/u/Notes/locked.pdf', { status: 'skipped', skipReason: 'encrypted: the PDF needs a password', chunkCount: 0 })]);
  client.handle('documents.cancel', () => ({ cancelled: true }));
  client.handle('documents.remove', ({ collectionId }) => {
    collections = collections.filter((c) => c.id !== collectionId);
    return { removed: true as const };
  });
  const store = createHearthStore(client);
  return { client, store, s: () => store.getState() };
}

describe('documents slice', () => {
  it('creates a collection from a folder, lists its files with skip reasons, and removes it', async () => {
    const { client, s } = setup();
    await s().loadDocCollections();
    expect(s().docCollections.map((c) => c.name)).toEqual(['Archive']);
    const created = await s().createDocCollection('Notes', ['/home/u/Notes']);
    expect(created?.id).toBe('c1');
    expect(client.calls.find((c) => c.method === 'documents.create')?.params).toEqual({ name: 'Notes', paths: ['/home/u/Notes'] });
    expect(s().docCollections.map((c) => c.name)).toEqual(['Archive', 'Notes']);
    await s().loadDocSources('c1');
    expect(s().docSources.c1!.find((f) => f.status === 'skipped')?.skipReason).toBe('encrypted: the PDF needs a password');
    expect(await s().removeDocCollection('c1')).toBe(true);
    expect(s().docCollections.map((c) => c.name)).toEqual(['Archive']);
    expect(s().docSources.c1).toBeUndefined();
  });

  it('keeps the latest progress per collection until indexing ends, and cancels', async () => {
    const { client, s } = setup();
    s().applyDocProgress(progress('indexing', 1));
    s().applyDocProgress(progress('indexing', 2));
    expect(s().docProgress.c1).toMatchObject({ done: 2, total: 3, currentFile: '/home/u/Notes/a.md' });
    expect(await s().cancelIndexing('c1')).toBe(true);
    expect(client.calls.some((c) => c.method === 'documents.cancel')).toBe(true);
    s().applyDocProgress(progress('cancelled', 2));
    expect(s().docProgress.c1).toBeUndefined();
  });

  it('shows a refused create as an error toast and returns null', async () => {
    const { client, s } = setup();
    client.handle('documents.create', () => {
      throw new HearthError('FILE_NOT_FOUND', '/nope does not exist. Check the path, or mount the drive it is on.');
    });
    expect(await s().createDocCollection('X', ['/nope'])).toBeNull();
    expect(s().toasts.at(-1)?.message).toMatch(/does not exist/);
  });

  it('follows main: progress events and a changed collection reach the store', async () => {
    const { client, store, s } = setup();
    const unbind = bindClient(store, client);
    client.emit('documents.progress', progress('indexing', 1));
    expect(s().docProgress.c1?.done).toBe(1);
    client.emit('documents.changed', { collectionId: 'c0', reason: 'synced' });
    await new Promise((r) => setTimeout(r, 0));
    expect(s().docCollections.map((c) => c.name)).toEqual(['Archive']);
    unbind();
  });
});
