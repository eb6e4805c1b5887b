import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { fixturePath } from '../test/fixtures.js';
import { cli, ROOT, startServer, stopProcess } from './hearthApp.js';
import { callHearth } from './support/callHearth.js';
import { ChatPage } from './support/ChatPage.js';
import { chromiumInNamespaceOf, NETNS_WRAP, netnsUnavailable } from './support/netns.js';

const WITNESS = path.join(ROOT, 'e2e/support/recordConnects.mjs');

interface Witnessed {
  pid: number;
  kind: string;
  host?: string;
  port?: number;
  argv?: string[];
}

/**
 * The offline promise, proven end to end: Hearth in browser mode, with offline
 * mode on, in a network namespace that has no network at all, driven through
 * the real UI in Chromium (in the same namespace) through a chat, a folder
 * indexed and a question answered from it with sources (through the page's
 * WebSocket client), then two downloads the user asks for (loopback and hf:), refused with OFFLINE. Two
 * independent records must agree: Hearth's own network log (in the UI and from
 * the CLI) is empty after the chat and then holds just the two refusals, none
 * allowed; and a witness preloaded into every Node process of the server
 * (recordConnects.mjs), hooking the native socket and DNS bindings underneath
 * Hearth's guard, sees zero connection attempts and zero DNS queries.
 */
test('offline journey: a chat, a question to an indexed folder and two refused downloads inside `unshare -n` make zero outbound attempts', async ({}, testInfo) => {
  test.skip(testInfo.project.metadata?.shell === 'electron', 'The offline journey runs browser mode in a network namespace; the browser project runs it.');
  const unavailable = netnsUnavailable();
  // In CI a green run must mean the no-network proof ran: there, a machine without `unshare -n` fails the run.
  if (process.env.CI) expect(unavailable, `CI is set but this journey cannot run: ${unavailable}. It needs an empty network namespace (root, or user namespaces, on Linux).`).toBeNull();
  test.skip(unavailable !== null, `Skipped: ${unavailable}. This journey needs an empty network namespace (run as root on Linux).`);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-offline-e2e-'));
  const dataDir = path.join(scratch, 'data');
  const connectLog = path.join(scratch, 'connects.jsonl');
  cli(dataDir, 'models', 'add', fixturePath('tiny'), '--link');
  expect(cli(dataDir, 'offline', 'on')).toMatch(/Offline mode is on/);

  const server = await startServer(dataDir, { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${WITNESS}`.trim(), HEARTH_CONNECT_LOG: connectLog }, NETNS_WRAP);
  const chromiumPath = testInfo.project.use.launchOptions?.executablePath ?? chromium.executablePath();
  const browser = await chromium.launch({
    executablePath: chromiumInNamespaceOf(server.child.pid!, chromiumPath, scratch),
    args: testInfo.project.use.launchOptions?.args ?? [],
  });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const chat = new ChatPage(page);
    await chat.send('Tell me a story about a lighthouse');
    expect((await chat.waitForReply()).length).toBeGreaterThan(0);

    // Documents: a folder indexed and a question answered from it, with sources, over the page's own connection.
    const notes = path.join(scratch, 'notes');
    fs.mkdirSync(notes);
    fs.writeFileSync(path.join(notes, 'ferry.md'), '# Ferry\n\nThe ferry leaves at noon.\n');
    fs.writeFileSync(path.join(notes, 'trains.txt'), 'Trains run every hour.\n');
    const hearth = { page, url: server.url };
    const collection = await callHearth(hearth, 'documents.create', { name: 'Offline notes', paths: [notes] });
    const [synced] = await callHearth(hearth, 'documents.sync', { collectionId: collection.id });
    expect(synced?.skipped).toEqual([]);
    expect((await callHearth(hearth, 'documents.list', {})).find((c) => c.id === collection.id)?.indexedFiles).toBe(2);
    const asked = await callHearth(hearth, 'chat.turn', { newChat: { collectionIds: [collection.id], sampling: { maxTokens: 8, seed: 1 } }, action: { type: 'send', text: 'When does the ferry leave?' } });
    await expect.poll(async () => (await callHearth(hearth, 'chats.get', { chatId: asked.chat.id })).messages[1]?.status, { timeout: 60_000 }).toBe('complete');
    const answered = (await callHearth(hearth, 'chats.get', { chatId: asked.chat.id })).messages[1]!;
    expect(answered.sources?.[0]).toMatchObject({ n: 1, path: path.join(notes, 'ferry.md'), text: 'The ferry leaves at noon.' });

    await page.getByTestId('nav-models').click();
    await expect(page.getByTestId('offline-switch')).toHaveAttribute('data-state', 'on');
    const log = page.getByTestId('network-log');
    await log.getByTestId('network-log-refresh').click();
    await expect(log.getByTestId('network-log-summary')).toContainText('Hearth has not tried to connect to anything');
    await expect(log.getByTestId('network-log-row')).toHaveCount(0);

    // Now the user asks for the network: a download from the only server in the namespace (Hearth's own), and one from Hugging Face.
    const port = new URL(server.url).port;
    for (const source of [`http://127.0.0.1:${port}/x.gguf`, 'hf:owner/repo/x.gguf']) {
      await page.getByTestId('download-source-input').fill(source);
      await page.getByTestId('download-source-button').click();
      await expect(page.getByTestId('download-source-error')).toHaveAttribute('data-code', 'OFFLINE');
    }
    await log.getByTestId('network-log-refresh').click();
    await expect(log.getByTestId('network-log-row')).toHaveCount(2);
    await expect(log.locator('[data-testid="network-log-row"][data-allowed="true"]')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('offline-library.png') });

    // The page itself cannot reach out either: its CSP refuses any connection but its own server's.
    const refused = await page.evaluate(async () => {
      const violation = new Promise<string>((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }));
      const outcome = await fetch('https://huggingface.co/').then(
        () => 'fetched',
        () => 'failed',
      );
      return { outcome, directive: await violation };
    });
    expect(refused).toEqual({ outcome: 'failed', directive: 'connect-src' });
  } finally {
    await browser.close();
    await stopProcess(server.child);
  }

  // Hearth's own record: the two downloads the user asked for, both refused by the policy, and nothing else.
  const attempts = JSON.parse(cli(dataDir, 'network', 'log', '--json')) as Array<{ host: string; purpose: string; allowed: boolean }>;
  expect(attempts.map((a) => [a.host, a.purpose, a.allowed])).toEqual([
    ['huggingface.co', 'download', false],
    ['127.0.0.1', 'download', false],
  ]);
  const witnessed = fs
    .readFileSync(connectLog, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Witnessed);
  // The witness was really there: in the server and in the engine process it forked for the chat.
  const loaded = witnessed.filter((w) => w.kind === 'loaded').map((w) => w.argv?.join(' ') ?? '');
  expect(loaded.some((argv) => /hearth\.mjs serve/.test(argv))).toBe(true);
  expect(loaded.some((argv) => /engineWorker/.test(argv))).toBe(true);
  expect(witnessed.filter((w) => w.kind === 'tcp' || w.kind === 'udp' || w.kind === 'dns')).toEqual([]);
  if (process.env.KEEP_OFFLINE_SCRATCH) console.log(scratch); else fs.rmSync(scratch, { recursive: true, force: true });
});
