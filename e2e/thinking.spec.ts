import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { serveStatic } from '../scripts/bench/serveStatic.js';
import { ChatPage } from './support/ChatPage.js';

/**
 * A reasoning model's reply in the real UI: the App, store and components over
 * a fake of main (renderer/e2e-fake), built here with Vite, whose events the
 * test pushes one by one (thought deltas, answer deltas, done) exactly as main
 * pushes them. The engine's side (which tokens are thought) is covered by its
 * scripted-stream tests; this covers what the UI makes of the stream.
 */

interface Fake {
  replyId(): string | null;
  think(text: string): void;
  answer(text: string): void;
  done(thought: { durationMs: number; tokens: number }): void;
}

const root = path.resolve(import.meta.dirname, '..');
let outDir = '';
let server: Awaited<ReturnType<typeof serveStatic>> | null = null;

test.beforeAll(async ({}, testInfo) => {
  if (testInfo.project.metadata?.shell === 'electron') return;
  testInfo.setTimeout(240_000);
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-e2e-fake-'));
  await build({
    configFile: false,
    root: path.join(root, 'renderer/e2e-fake'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  });
  server = await serveStatic(outDir);
});

test.afterAll(async () => {
  await server?.close();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

test('a streamed thought shows "Thinking…", then collapses under "Thought for N s" above its answer, and expands', async ({ page }, testInfo) => {
  testInfo.skip(testInfo.project.metadata?.shell === 'electron', 'Runs over a fake main in the browser project only: the desktop shell adds nothing to what the UI makes of the stream.');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server!.url);
  await page.waitForFunction(() => 'hearthFake' in globalThis);
  const fake = <M extends keyof Fake>(method: M, ...args: Parameters<Fake[M]>) =>
    page.evaluate(([m, a]) => (globalThis as unknown as { hearthFake: Record<string, (...x: unknown[]) => unknown> }).hearthFake[m]!(...a), [method, args] as const);

  const chat = new ChatPage(page);
  await chat.send('Is 91 prime?');
  await expect.poll(() => fake('replyId')).not.toBeNull();
  const reply = chat.lastReply();
  await expect(reply).toHaveAttribute('data-status', 'streaming');

  // Thinking: the block is open and streams the thought; no answer yet.
  await fake('think', 'Try small primes. 91 / 7 = 13');
  const toggle = reply.getByTestId('thought-toggle');
  await expect(toggle).toHaveText('Thinking…');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await fake('think', ', so 91 = 7 × 13.');
  await expect(reply.getByTestId('thought-text')).toHaveText('Try small primes. 91 / 7 = 13, so 91 = 7 × 13.');
  await expect(reply.getByTestId('message-content')).toHaveText('');

  // The answer starts: the thought collapses above it.
  await fake('answer', 'No. 91 is 7 × 13, ');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveText(/^Thought for \d+ s$/);
  await expect(reply.getByTestId('thought-text')).toHaveCount(0);
  await fake('answer', 'so it is not prime.');
  await fake('done', { durationMs: 14_000, tokens: 21 });
  await expect(reply).toHaveAttribute('data-status', 'complete');
  await expect(toggle).toHaveText('Thought for 14 s');
  await expect(reply.getByTestId('message-content')).toHaveText('No. 91 is 7 × 13, so it is not prime.');
  const [thoughtBox, answerBox] = [await toggle.boundingBox(), await reply.getByTestId('message-content').boundingBox()];
  expect(thoughtBox!.y + thoughtBox!.height).toBeLessThanOrEqual(answerBox!.y);
  await expect(reply.getByTestId('message-thought-tokens')).toContainText('21 thinking · 12 answer');

  // Expanding shows the thought again; the answer is untouched.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(reply.getByTestId('thought-text')).toHaveText('Try small primes. 91 / 7 = 13, so 91 = 7 × 13.');
  await expect(reply.getByTestId('message-content')).toHaveText('No. 91 is 7 × 13, so it is not prime.');
  // The block passes axe's WCAG A/AA rules, open (as now) and closed.
  // (The pointer is moved off first: a hovered toggle has the stronger colour, and would hide a faint one.)
  const axe = async () => {
    await page.mouse.move(0, 0);
    return new AxeBuilder({ page }).include('[data-testid="thought"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  };
  expect((await axe()).violations).toEqual([]);
  await toggle.click();
  await expect(reply.getByTestId('thought-text')).toHaveCount(0);
  expect((await axe()).violations).toEqual([]);
  expect(errors).toEqual([]);
});
