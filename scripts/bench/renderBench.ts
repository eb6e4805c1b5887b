/**
 * The `render` part of `npm run bench`: what one streaming delta costs the
 * renderer with 10 versus 1,000 messages in the chat. The real App, store and
 * components (renderer/bench/renderBenchPage.tsx over a fake of main) are built
 * with Vite into a temp folder and driven in Chromium, one page per chat size,
 * in interleaved blocks of deltas (one per animation frame). Two measures:
 * - latency: dispatch (inside a frame, as the client's batched flush does) to
 *   the end of that frame's rendering work, per delta;
 * - main-thread time per delta: Chromium's own task time (CDP
 *   Performance.getMetrics) over a block of deltas, less the same number of
 *   idle frames measured right after, so follow-up work (the virtualiser's
 *   resize re-render, scroll anchoring) is counted too.
 * With virtualisation the 1,000/10 ratio should be near 1 (10,000 runs beside them:
 * a cost that grows with the chat shows there plainly).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { launchBenchChromium } from './launchBenchChromium.js';
import { serveStatic } from './serveStatic.js';
import { fmt, fmtSummary, median, summarize, type Summary } from './stats.js';

export interface RenderSide {
  messages: number;
  /** Rows the virtualiser had in the DOM: proof that the list is virtualised. */
  rowsInDom: number;
  /** Per delta, ms from dispatch to the end of its frame's rendering. */
  latencyMs: Summary;
  latencyP90Ms: number;
  /** Per block: Chromium main-thread ms per delta, less an idle frame's. */
  mainThreadMsPerDelta: Summary;
  idleFrameMs: number;
  /** Paired medians against the fewest-messages side (1 for that side itself). */
  latencyRatio: number;
  mainThreadRatio: number;
  /** Chromium's long tasks (over 50 ms) while the blocks streamed: each is a frame the user saw stall. */
  longTasks: number;
  longestTaskMs: number;
}

export interface RenderBenchResult {
  deltasPerBlock: number;
  reps: number;
  sides: RenderSide[];
  /** Median over repetitions of (block median latency with 1,000 messages) / (with 10): the issue's measure. */
  ratio: number;
  /** The same for main-thread time per delta. */
  mainThreadRatio: number;
  replyChars: number;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The page's API (renderer/bench/renderBenchPage.tsx); the DOM is not in this tsconfig's lib, so only the shape is named here. */
interface PageBench {
  rowsInDom(): number;
  deltas(k: number): Promise<number[]>;
  idleFrames(k: number): Promise<number[]>;
  replyLength(): number;
}

/** Calls the page's API (the function runs in the page, so it can close over nothing). */
function call<M extends keyof PageBench>(page: Page, method: M, arg?: number): Promise<Awaited<ReturnType<PageBench[M]>>> {
  return page.evaluate(
    ([m, a]) => (globalThis as unknown as { hearthBench: Record<string, (n?: number) => unknown> }).hearthBench[m]!(a),
    [method, arg] as const,
  ) as Promise<Awaited<ReturnType<PageBench[M]>>>;
}

export async function buildRenderBenchPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: path.join(repoRoot, 'renderer/bench'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  });
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

interface Side {
  messages: number;
  page: Page;
  cdp: CDPSession;
  latency: number[];
  blockMedians: number[];
  busy: number[];
  idle: number[];
}

export async function runRenderBench(options: { counts?: number[]; reps?: number; deltasPerBlock?: number; log?: (line: string) => void } = {}): Promise<RenderBenchResult> {
  // 10,000 beside the issue's 10 and 1,000: a cost that grows with the chat shows there plainly.
  const counts = options.counts ?? [10, 1000, 10_000];
  const reps = options.reps ?? 7;
  const k = options.deltasPerBlock ?? 40;
  const log = options.log ?? (() => {});
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-render-bench-'));
  log('render: building the bench page (real App and store over a fake main) with Vite');
  await buildRenderBenchPage(outDir);
  const server = await serveStatic(outDir);
  const browser = await launchBenchChromium();
  try {
    const sides: Side[] = [];
    for (const messages of counts) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}?messages=${messages}`);
      await page.waitForFunction(() => 'hearthBench' in globalThis, null, { timeout: 60_000 }).catch((e: Error) => {
        throw new Error(`the bench page did not start (${messages} messages): ${errors.join('; ') || e.message}`);
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await call(page, 'deltas', 20); // warm-up: JIT, Markdown, first scroll anchoring
      // Long tasks from here on: the streaming, not the opening.
      await page.evaluate(() => {
        const g = globalThis as unknown as { benchLongTasks: number[] };
        g.benchLongTasks = [];
        // 'longtask' is a browser entry type that Node's typings do not list.
        const options = { type: 'longtask' };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) g.benchLongTasks.push(entry.duration);
        }).observe(options as never);
      });
      sides.push({ messages, page, cdp, latency: [], blockMedians: [], busy: [], idle: [] });
    }
    log(`render: ${counts.join(' vs ')} messages, ${reps} interleaved blocks of ${k} deltas each`);
    for (let rep = 0; rep < reps; rep++) {
      for (const side of rep % 2 === 0 ? sides : [...sides].reverse()) {
        const t0 = await taskSeconds(side.cdp);
        const lat = await call(side.page, 'deltas', k);
        const t1 = await taskSeconds(side.cdp);
        await call(side.page, 'idleFrames', k);
        const t2 = await taskSeconds(side.cdp);
        side.latency.push(...lat);
        side.blockMedians.push(median(lat));
        side.idle.push(((t2 - t1) * 1000) / k);
        side.busy.push(((t1 - t0) * 1000) / k - side.idle.at(-1)!);
      }
      log(`  rep ${rep + 1}: ${sides.map((s) => `${s.messages} messages ${fmt(s.blockMedians.at(-1)!, 2)} ms`).join(', ')}`);
    }
    const few = sides[0]!;
    const ratioOf = (many: number[], base: number[]) => median(many.map((m, i) => m / base[i]!));
    const results: RenderSide[] = [];
    for (const s of sides) {
      const sorted = [...s.latency].sort((a, b) => a - b);
      const longTasks = await s.page.evaluate(() => (globalThis as unknown as { benchLongTasks: number[] }).benchLongTasks);
      results.push({
        messages: s.messages,
        rowsInDom: await call(s.page, 'rowsInDom'),
        latencyMs: summarize(s.latency),
        latencyP90Ms: sorted[Math.floor(sorted.length * 0.9)]!,
        mainThreadMsPerDelta: summarize(s.busy),
        idleFrameMs: median(s.idle),
        latencyRatio: ratioOf(s.blockMedians, few.blockMedians),
        mainThreadRatio: ratioOf(s.busy, few.busy),
        longTasks: longTasks.length,
        longestTaskMs: longTasks.length > 0 ? Math.max(...longTasks) : 0,
      });
    }
    const main = results.find((r) => r.messages === 1000) ?? results.at(-1)!;
    return {
      deltasPerBlock: k,
      reps,
      sides: results,
      ratio: main.latencyRatio,
      mainThreadRatio: main.mainThreadRatio,
      replyChars: await call(few.page, 'replyLength'),
    };
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

export function printRenderTable(r: RenderBenchResult): void {
  console.log(`\nrender: one streaming delta in Chromium (real components and store), ${r.reps} interleaved blocks of ${r.deltasPerBlock}; ms, median (min–max)`);
  console.table(
    r.sides.map((s) => ({
      messages: s.messages,
      'rows in DOM': s.rowsInDom,
      'dispatch → frame done ms': fmtSummary(s.latencyMs, 2),
      'p90 ms': fmt(s.latencyP90Ms, 2),
      'main thread ms/delta': fmtSummary(s.mainThreadMsPerDelta, 2),
      'idle frame ms': fmt(s.idleFrameMs, 2),
      [`latency / ${r.sides[0]!.messages} msgs`]: fmt(s.latencyRatio, 2),
      [`main thread / ${r.sides[0]!.messages} msgs`]: fmt(s.mainThreadRatio, 2),
      'long tasks > 50 ms': s.longTasks,
      'longest ms': fmt(s.longestTaskMs, 0),
    })),
  );
  console.log(`1000/10 messages: latency ratio ${fmt(r.ratio, 2)}, main-thread ratio ${fmt(r.mainThreadRatio, 2)} (the reply grew to ${r.replyChars} chars)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { reps: { type: 'string' }, deltas: { type: 'string' }, counts: { type: 'string' } } });
  const result = await runRenderBench({
    reps: values.reps ? Number(values.reps) : undefined,
    deltasPerBlock: values.deltas ? Number(values.deltas) : undefined,
    counts: values.counts?.split(',').map(Number),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  printRenderTable(result);
}
