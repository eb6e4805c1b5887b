/**
 * The `startup` part of `npm run bench`, with no model anywhere:
 * - services ready: createServices() in a fresh Node process, beside a bare
 *   Node process running the same child script with nothing loaded;
 * - first paint: browser mode (the compiled server plus the renderer built with
 *   Vite) in Chromium, a fresh browser context each time: first-contentful-paint
 *   (Paint Timing), the app shell in the DOM, the WebSocket connected; beside a
 *   blank page from the same server;
 * - idle memory of the main (server) process once the page is connected and
 *   has settled, beside the bare process (and the engine process the page's
 *   engine.status call starts, where /proc tells us).
 * Main is compiled with tsc (tsconfig.build.json) first, so no TypeScript
 * loader sits in the timings. Interleaved, several repetitions, medians and range.
 * Alone: `npx tsx scripts/bench/startupBench.ts [--reps N]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { build } from 'vite';
import { launchBenchChromium } from './launchBenchChromium.js';
import { fmt, fmtSummary, median, summarize, type Summary } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const CHILD = path.join(here, 'startupChild.mjs');
const MiB = 2 ** 20;
const SETTLE_MS = 1500;

export interface Memory {
  rssMiB: Summary;
  heapUsedMiB: Summary;
  heapTotalMiB: Summary;
  externalMiB: Summary;
}

export interface StartupBenchResult {
  reps: number;
  /** Spawn to "ready" as the parent sees it, and the process's own clock at ready (from its start). */
  ready: Record<'bare' | 'services' | 'server', { wallMs: Summary; inProcessMs: Summary }>;
  /** Median of per-repetition (services - bare) spawn-to-ready. */
  servicesOverheadMs: number;
  firstPaint: {
    /** Navigation start to first-contentful-paint, app shell in the DOM, WebSocket connected. */
    hearth: { fcpMs: Summary; shellMs: Summary; connectedMs: Summary };
    blank: { fcpMs: Summary };
    /** Median of per-repetition (Hearth FCP - blank FCP). */
    fcpOverheadMs: number;
  };
  /** After SETTLE_MS idle: the server with a connected page, createServices alone, bare Node. */
  memory: { server: Memory; services: Memory; bare: Memory; engineRssMiB: Summary | null };
}

interface Child {
  wallMs: number;
  inProcessMs: number;
  url: string;
  pid: number;
  mem(): Promise<NodeJS.MemoryUsage>;
  exit(): Promise<void>;
}

async function startChild(args: string[]): Promise<Child> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`startup child ${args[0]} exited: ${stderr}`);
    return line.value;
  };
  const [word, ms, url] = (await next()).split(' ');
  const wallMs = performance.now() - t0;
  if (word !== 'ready') throw new Error(`startup child ${args[0]}: unexpected "${word}"`);
  return {
    wallMs,
    inProcessMs: Number(ms),
    url: url ?? '',
    pid: child.pid!,
    async mem() {
      child.stdin.write('mem\n');
      return JSON.parse(await next()) as NodeJS.MemoryUsage;
    },
    async exit() {
      child.stdin.write('exit\n');
      await exited;
    },
  };
}

/** RSS of a process's children (Linux /proc); null elsewhere or when it has none. */
function childrenRssMiB(pid: number): number | null {
  try {
    const kids = fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
    if (kids.length === 0) return null;
    return kids.reduce((sum, kid) => sum + Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${kid}/status`, 'utf8'))?.[1] ?? 0) / 1024, 0);
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Runs in the page before its own scripts: marks when the shell appears and when the WebSocket is up.
const MARKS_SCRIPT = `(() => {
  const marks = (globalThis.__startupMarks = {});
  const check = () => {
    if (!marks.shell && document.querySelector('[data-testid=app-shell]')) marks.shell = performance.now();
    if (!marks.connected && document.querySelector('[data-testid=connection-state][data-state=open]')) marks.connected = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
})();`;

async function loadPage(browser: Browser, url: string, app: boolean): Promise<{ fcp: number; shell: number; connected: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript({ content: MARKS_SCRIPT });
    const page = await context.newPage();
    await page.goto(url);
    // A function, not a string: Playwright evaluates a string predicate with eval, which the app's CSP (rightly) refuses.
    await page.waitForFunction(
      (isApp) =>
        performance.getEntriesByName('first-contentful-paint').length > 0 &&
        (!isApp || (globalThis as { __startupMarks?: { connected?: number } }).__startupMarks?.connected !== undefined),
      app,
      { timeout: 60_000 },
    );
    return (await page.evaluate(
      `({ fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime, shell: globalThis.__startupMarks.shell ?? NaN, connected: globalThis.__startupMarks.connected ?? NaN })`,
    )) as { fcp: number; shell: number; connected: number };
  } finally {
    await context.close();
  }
}

function memorySummary(samples: NodeJS.MemoryUsage[]): Memory {
  const of = (k: keyof NodeJS.MemoryUsage) => summarize(samples.map((m) => m[k] / MiB));
  return { rssMiB: of('rss'), heapUsedMiB: of('heapUsed'), heapTotalMiB: of('heapTotal'), externalMiB: of('external') };
}

export async function runStartupBench(options: { reps?: number; log?: (line: string) => void } = {}): Promise<StartupBenchResult> {
  const reps = options.reps ?? 7;
  const log = options.log ?? (() => {});
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-startup-bench-'));
  // Inside the checkout, so the compiled files resolve node_modules as dist/ does.
  const dist = path.join(repoRoot, '.cache/bench/startup-dist');
  const staticDir = path.join(work, 'renderer');
  let browser: Browser | null = null;
  try {
    log('startup: compiling main (tsc -p tsconfig.build.json) and building the renderer (Vite)');
    const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dist], { cwd: repoRoot, encoding: 'utf8' });
    if (tsc.status !== 0) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
    await build({ configFile: path.join(repoRoot, 'vite.config.ts'), root: path.join(repoRoot, 'renderer'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } });
    fs.writeFileSync(path.join(staticDir, 'bench-blank.html'), '<!doctype html><html lang="en"><title>blank</title><p>Hearth</p></html>');
    browser = await launchBenchChromium();
    const servicesDir = path.join(work, 'services-data');
    const serverDir = path.join(work, 'server-data');

    const ready = { bare: [] as Child[], services: [] as Child[], server: [] as Child[] };
    const mem = { bare: [] as NodeJS.MemoryUsage[], services: [] as NodeJS.MemoryUsage[], server: [] as NodeJS.MemoryUsage[] };
    const engineRss: number[] = [];
    const hearthPage: Array<{ fcp: number; shell: number; connected: number }> = [];
    const blankFcp: number[] = [];

    const runBare = async (record: boolean) => {
      const c = await startChild(['bare']);
      await sleep(SETTLE_MS);
      const m = await c.mem();
      await c.exit();
      if (record) {
        ready.bare.push(c);
        mem.bare.push(m);
      }
    };
    const runServices = async (record: boolean) => {
      const c = await startChild(['services', dist, servicesDir]);
      await sleep(SETTLE_MS);
      const m = await c.mem();
      await c.exit();
      if (record) {
        ready.services.push(c);
        mem.services.push(m);
      }
    };
    const runServer = async (record: boolean, rep: number) => {
      const c = await startChild(['server', dist, serverDir, staticDir]);
      try {
        const origin = new URL(c.url).origin;
        // The blank page and the app alternate who goes first, like everything else here.
        const blank = () => loadPage(browser!, `${origin}/bench-blank.html`, false);
        const app = () => loadPage(browser!, c.url, true);
        let appPage, blankPage;
        if (rep % 2 === 0) {
          appPage = await app();
          blankPage = await blank();
        } else {
          blankPage = await blank();
          appPage = await app();
        }
        if (record) {
          hearthPage.push(appPage);
          blankFcp.push(blankPage.fcp);
        }
        // Idle memory with a page that has connected (its context is closed again: the server keeps what it built).
        await sleep(SETTLE_MS);
        const m = await c.mem();
        const engine = childrenRssMiB(c.pid);
        if (record) {
          ready.server.push(c);
          mem.server.push(m);
          if (engine !== null) engineRss.push(engine);
        }
      } finally {
        await c.exit();
      }
    };

    log('startup: warm-up (creates both data folders, fills the page cache)');
    await runBare(false);
    await runServices(false);
    await runServer(false, 0);
    log(`startup: ${reps} interleaved repetitions`);
    for (let rep = 0; rep < reps; rep++) {
      const steps = [() => runBare(true), () => runServices(true), () => runServer(true, rep)];
      for (const step of rep % 2 === 0 ? steps : steps.reverse()) await step();
      log(`  rep ${rep + 1}: bare ${fmt(ready.bare.at(-1)!.wallMs)} ms, services ${fmt(ready.services.at(-1)!.wallMs)} ms, server ${fmt(ready.server.at(-1)!.wallMs)} ms, FCP ${fmt(hearthPage.at(-1)!.fcp)} ms (blank ${fmt(blankFcp.at(-1)!)} ms)`);
    }
    const timing = (cs: Child[]) => ({ wallMs: summarize(cs.map((c) => c.wallMs)), inProcessMs: summarize(cs.map((c) => c.inProcessMs)) });
    return {
      reps,
      ready: { bare: timing(ready.bare), services: timing(ready.services), server: timing(ready.server) },
      servicesOverheadMs: median(ready.services.map((c, i) => c.wallMs - ready.bare[i]!.wallMs)),
      firstPaint: {
        hearth: { fcpMs: summarize(hearthPage.map((p) => p.fcp)), shellMs: summarize(hearthPage.map((p) => p.shell)), connectedMs: summarize(hearthPage.map((p) => p.connected)) },
        blank: { fcpMs: summarize(blankFcp) },
        fcpOverheadMs: median(hearthPage.map((p, i) => p.fcp - blankFcp[i]!)),
      },
      memory: { server: memorySummary(mem.server), services: memorySummary(mem.services), bare: memorySummary(mem.bare), engineRssMiB: engineRss.length ? summarize(engineRss) : null },
    };
  } finally {
    await browser?.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function printStartupTable(r: StartupBenchResult): void {
  console.log(`\nstartup: no model; ${r.reps} interleaved repetitions; median (min–max)`);
  const t = r.ready;
  console.table([
    { measure: 'bare Node process ready (ms, spawn → ready)', hearth: fmtSummary(t.bare.wallMs), 'in-process clock': fmtSummary(t.bare.inProcessMs), baseline: '-' },
    { measure: 'createServices ready (ms)', hearth: fmtSummary(t.services.wallMs), 'in-process clock': fmtSummary(t.services.inProcessMs), baseline: `bare + ${fmt(r.servicesOverheadMs)}` },
    { measure: 'browser-mode server listening (ms)', hearth: fmtSummary(t.server.wallMs), 'in-process clock': fmtSummary(t.server.inProcessMs), baseline: '-' },
    { measure: 'renderer first-contentful-paint (ms from navigation)', hearth: fmtSummary(r.firstPaint.hearth.fcpMs), 'in-process clock': '-', baseline: `blank page ${fmtSummary(r.firstPaint.blank.fcpMs)}; +${fmt(r.firstPaint.fcpOverheadMs)}` },
    { measure: '  app shell in the DOM (ms)', hearth: fmtSummary(r.firstPaint.hearth.shellMs), 'in-process clock': '-', baseline: '-' },
    { measure: '  WebSocket connected (ms)', hearth: fmtSummary(r.firstPaint.hearth.connectedMs), 'in-process clock': '-', baseline: '-' },
  ]);
  const row = (name: string, m: Memory) => ({ process: name, 'RSS MiB': fmtSummary(m.rssMiB), 'heap used MiB': fmtSummary(m.heapUsedMiB), 'heap total MiB': fmtSummary(m.heapTotalMiB), 'external MiB': fmtSummary(m.externalMiB) });
  console.table([
    row('server, page connected (main process)', r.memory.server),
    row('createServices only', r.memory.services),
    row('bare Node', r.memory.bare),
    ...(r.memory.engineRssMiB ? [{ process: 'engine process (started by engine.status)', 'RSS MiB': fmtSummary(r.memory.engineRssMiB), 'heap used MiB': '-', 'heap total MiB': '-', 'external MiB': '-' }] : []),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { reps: { type: 'string' } } });
  const result = await runStartupBench({ reps: values.reps ? Number(values.reps) : undefined, log: (line) => process.stderr.write(`${line}\n`) });
  printStartupTable(result);
}
