import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

/**
 * Documents through the UI: a collection made from a folder on the Documents
 * page, a chat with it attached, the reply's sources, one opened (through the
 * opener HEARTH_OPEN_COMMAND names: a recorder), and the sources still there
 * after a reload. The fixture model writes random text: the assertions are on
 * the sources, never on the wording.
 */

// The small fixture: tiny's context window leaves no room for an excerpt (a quarter of it is the budget).
test.use({ models: ['small'] });
// A reply from the small model on two shared cores, plus indexing and a reload: more than the default 90 s at times.
test.setTimeout(180_000);

let dir: string;
let notes: string;
let openedLog: string;

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-docs-e2e-'));
  notes = path.join(dir, 'Household notes');
  fs.mkdirSync(path.join(notes, 'garden'), { recursive: true });
  fs.writeFileSync(path.join(notes, 'boiler.md'), '# Boiler\n\n## Pressure\n\nKeep the boiler pressure between 1 and 2 bar. Top it up with the filling loop under the boiler.\n');
  fs.writeFileSync(path.join(notes, 'ferry.txt'), 'The ferry to the island leaves at 7:40 from pier 3.\nTickets are sold on board.\n');
  fs.writeFileSync(path.join(notes, 'garden', 'tomatoes.md'), '# Tomatoes\n\nWater the tomatoes every evening in July and pinch out the side shoots.\n');
  openedLog = path.join(dir, 'opened.log');
  const recorder = path.join(dir, 'record-open.sh');
  fs.writeFileSync(recorder, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${openedLog}'\n`, { mode: 0o755 });
  // The server inherits this process' environment (e2e/hearthApp.ts): its opener is the recorder.
  process.env.HEARTH_OPEN_COMMAND = recorder;
});

test.afterAll(() => {
  delete process.env.HEARTH_OPEN_COMMAND;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function createCollection(page: Page, name: string, folder: string): Promise<void> {
  await page.getByTestId('nav-documents').click();
  await page.getByTestId('doc-create-name').fill(name);
  await page.getByTestId('doc-create-paths').fill(folder);
  await page.getByTestId('doc-create-submit').click();
  const card = page.locator(`[data-testid="doc-collection"][data-name="${name}"]`);
  await expect(card.getByTestId('doc-count-files')).toContainText('3', { timeout: 60_000 });
}

test('a collection from a folder answers a chat with sources, opens one, and keeps them after a reload', async ({ hearth, chat, isElectron }, testInfo) => {
  test.skip(isElectron, 'Electron asks in a native dialog before reading the folder and before opening a file; this journey drives browser mode.');
  const { page } = hearth;
  await createCollection(page, 'Household', notes);

  // The page is labelled and keyboard-reachable: axe finds no violations on it.
  const scan = await new AxeBuilder({ page }).include('[data-testid="documents-page"]').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  const card = page.locator('[data-testid="doc-collection"][data-name="Household"]');
  await card.getByTestId('doc-files-toggle').click();
  await expect(card.getByTestId('doc-file')).toHaveCount(3);

  await page.getByTestId('doc-search-input').fill('boiler pressure');
  await page.getByTestId('doc-search-button').click();
  await expect(page.getByTestId('doc-hit').first()).toHaveAttribute('data-path', path.join(notes, 'boiler.md'));
  await page.screenshot({ path: testInfo.outputPath('documents-page.png'), fullPage: true });

  // A new chat with the collection attached from the composer.
  await page.getByTestId('new-chat-button').click();
  await page.getByTestId('attach-button').click();
  await page.locator('[data-testid="attach-option"]').first().check();
  await expect(page.getByTestId('attached-collection')).toHaveText(['Household']);
  await page.keyboard.press('Escape');
  await chat.send('What pressure should the boiler have?');
  await chat.waitForReply();

  const sources = chat.lastReply().getByTestId('reply-source');
  await expect(sources.first()).toBeVisible();
  const paths = await sources.evaluateAll((items) => items.map((i) => i.getAttribute('data-path')));
  expect(paths.length).toBeGreaterThan(0);
  for (const p of paths) expect(p!.startsWith(notes + path.sep)).toBe(true);
  expect(paths).toContain(path.join(notes, 'boiler.md'));
  const numbers = await sources.evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-n'))));
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));

  // The excerpt, then Open: confirmed in the page, opened by the server's opener.
  const boiler = chat.lastReply().locator(`[data-testid="reply-source"][data-path="${path.join(notes, 'boiler.md')}"]`);
  await boiler.getByTestId('reply-source-toggle').click();
  await expect(boiler.getByTestId('reply-source-excerpt')).toContainText('pressure');
  await page.screenshot({ path: testInfo.outputPath('reply-sources.png') });
  const chatScan = await new AxeBuilder({ page }).include('[data-testid="reply-sources"]').include('.composer-attachments').analyze();
  expect(chatScan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await boiler.getByTestId('reply-source-open').click();
  await page.getByTestId('confirm-dialog').getByTestId('confirm-button').click();
  await expect.poll(() => (fs.existsSync(openedLog) ? fs.readFileSync(openedLog, 'utf8') : '')).toBe(`${path.join(notes, 'boiler.md')}\n`);

  // What was retrieved is stored with the reply: a reload shows the same sources.
  const chatTitle = await page.getByTestId('chat-title').innerText();
  await page.reload();
  await chat.openChat(chatTitle);
  await expect(chat.lastReply().getByTestId('reply-source')).toHaveCount(paths.length);
  expect(await chat.lastReply().getByTestId('reply-source').evaluateAll((items) => items.map((i) => i.getAttribute('data-path')))).toEqual(paths);
  await expect(page.getByTestId('attached-collection')).toHaveText(['Household']);
});

test('a file dropped on the composer goes with the message and answers it with its sources', async ({ hearth, chat, isElectron }) => {
  test.skip(isElectron, 'Electron asks in a native dialog before reading dropped files; this journey drives browser mode.');
  const { page } = hearth;
  const ferry = path.join(notes, 'ferry.txt');
  await page.getByTestId('composer').dispatchEvent('drop', { dataTransfer: await page.evaluateHandle((uri) => {
    const data = new DataTransfer();
    data.setData('text/uri-list', uri);
    return data;
  }, `file://${ferry.split(path.sep).map(encodeURIComponent).join('/')}`) });
  await expect(page.getByTestId('composer-file')).toHaveAttribute('data-path', ferry);
  await chat.send('When does the ferry leave?');
  await chat.waitForReply();
  await expect(page.getByTestId('composer-file')).toHaveCount(0);
  await expect(chat.lastReply().getByTestId('reply-source').first()).toHaveAttribute('data-path', ferry);
});
