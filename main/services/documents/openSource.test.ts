import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HearthError } from '../../contract/errors.js';
import { createDocumentsHandlers } from '../../app/documentsHandlers.js';
import { openDatabase } from '../store/openDatabase.js';
import { createDocuments, type Documents } from './createDocuments.js';
import { openCommand, openSource, systemOpener } from './openSource.js';

let dir: string;
let docs: string;
let db: Database;
let documents: Documents;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-open-'));
  docs = path.join(dir, 'docs');
  fs.mkdirSync(docs);
  db = openDatabase(path.join(dir, 'hearth.db'));
  documents = createDocuments({ db, emit: () => {}, watch: false });
});

afterEach(async () => {
  await documents.dispose();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function indexed(): Promise<{ guide: string; other: string }> {
  const guide = path.join(docs, 'guide.md');
  fs.writeFileSync(guide, '# Backups\n\nCopy the vault nightly.\n');
  const other = path.join(dir, 'elsewhere.txt');
  fs.writeFileSync(other, 'not in any collection');
  const created = await documents.create('Home');
  await documents.addPaths(created.id, [docs]);
  return { guide, other };
}

const codeOf = async (run: Promise<unknown>) => run.then(() => 'opened', (e: unknown) => (e instanceof HearthError ? e.code : String(e)));

describe('openSource', () => {
  it('opens an indexed file and refuses any other path without calling the opener', async () => {
    const { guide, other } = await indexed();
    const opened: string[] = [];
    const opener = async (file: string) => void opened.push(file);
    await openSource(documents, guide, opener);
    expect(opened).toEqual([guide]);
    expect(await codeOf(openSource(documents, other, opener))).toBe('NOT_FOUND');
    expect(await codeOf(openSource(documents, path.join(docs, '..', 'elsewhere.txt'), opener))).toBe('NOT_FOUND');
    expect(await codeOf(openSource(documents, 'guide.md', opener))).toBe('INVALID_PARAMS');
    expect(opened).toEqual([guide]);
  });

  it('says FILE_NOT_FOUND when an indexed file was deleted since', async () => {
    const { guide } = await indexed();
    fs.rmSync(guide);
    expect(await codeOf(openSource(documents, guide, async () => {}))).toBe('FILE_NOT_FOUND');
  });

  it('documents.open runs HEARTH_OPEN_COMMAND with the path as its one argument', async () => {
    const { guide } = await indexed();
    const record = path.join(dir, 'opened.txt');
    const recorder = path.join(dir, 'recorder.sh');
    fs.writeFileSync(recorder, `#!/bin/sh\nprintf '%s\\n' "$1" >> ${JSON.stringify(record)}\n`, { mode: 0o755 });
    const handlers = createDocumentsHandlers(documents, systemOpener({ env: { HEARTH_OPEN_COMMAND: recorder } }));
    const ctx = { signal: new AbortController().signal } as Parameters<(typeof handlers)['documents.open']>[1];
    expect(await handlers['documents.open']({ path: guide }, ctx)).toEqual({ opened: true });
    const end = Date.now() + 5000;
    while (!fs.existsSync(record) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(fs.readFileSync(record, 'utf8')).toBe(`${guide}\n`);
  });

  it('a missing opener is a clear error', async () => {
    const { guide } = await indexed();
    const open = systemOpener({ env: { HEARTH_OPEN_COMMAND: path.join(dir, 'no-such-opener') } });
    await expect(openSource(documents, guide, open)).rejects.toThrow(/did not start/);
  });

  it('picks the platform opener, never a shell', () => {
    expect(openCommand('/a b/c.md', 'linux', {})).toEqual({ command: 'xdg-open', args: ['/a b/c.md'] });
    expect(openCommand('/a/c.md', 'darwin', {})).toEqual({ command: 'open', args: ['/a/c.md'] });
    expect(openCommand('C:\\a&b\\c.md', 'win32', {}).args).toEqual(['url.dll,FileProtocolHandler', 'C:\\a&b\\c.md']);
  });
});
