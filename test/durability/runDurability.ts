import path from 'node:path';
import { dataPaths } from '../../main/app/dataDir.js';
import { createRng } from '../../scripts/fixtures/createRng.js';
import { childPids, isAlive, startApp, type AppProcess } from './appProcess.js';
import { connectRpc, RpcError, type RpcClient } from './rpcClient.js';
import { verifyLedger, type LedgerEntry } from './verifyLedger.js';

export interface DurabilityOptions {
  /** SIGKILLs in all, of the app and (engineShare of them) of its engine process. */
  kills: number;
  dataDir: string;
  /** A small GGUF the app links in place (test/fixtures.ts 'small' streams long enough to be cut). */
  modelPath: string;
  seed?: number;
  /** Share of kills aimed at the engine process instead of the app (every 1/share-th kill). Default 0.25. */
  engineShare?: number;
  /** Tokens per reply: short replies keep the run fast. Default 64. */
  maxTokens?: number;
  /** The app's own persist interval (createChatService's default). */
  persistIntervalMs?: number;
  /** Allowance on top of it for timers and scheduling on a busy machine. Default 750 ms. */
  slackMs?: number;
  log?: (line: string) => void;
}

export interface DurabilityReport {
  kills: number;
  appKills: number;
  engineKills: number;
  /** App kills that landed before chat.turn was answered. */
  beforeAck: number;
  /** Kills that landed while a reply was streaming (the rest found it just finished). */
  midStream: number;
  acknowledged: number;
  statuses: Record<string, number>;
  /** How stale the worst killed reply's stored text was, in ms before the kill. */
  worstUnsavedMs: number;
  orphanedEngines: number;
  seconds: number;
  violations: string[];
}

const WORDS = 'the lamp by the river kept a small fire while the wind told stories of snow and salt'.split(' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `predicate` over the events, or `ms`, whichever comes first. */
function waitFor(client: RpcClient, predicate: (event: string, payload: Record<string, unknown>) => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), ms);
    const off = client.onEvent((event, payload) => {
      if (predicate(event, payload)) finish(true);
    });
    const finish = (value: boolean) => {
      clearTimeout(timer);
      off();
      resolve(value);
    };
    void client.closed.then(() => finish(false));
  });
}

/**
 * Sends messages to a real browser-mode Hearth and SIGKILLs it (or its
 * engine process) at random moments of the stream, `kills` times; after
 * each kill the app is restarted on the same data folder and the database is
 * checked against everything the client was told (see verifyLedger).
 */
export async function runDurability(options: DurabilityOptions): Promise<DurabilityReport> {
  const rng = createRng(options.seed ?? 1);
  const pick = (n: number) => rng.nextU32() % n;
  const log = options.log ?? (() => {});
  const engineShare = options.engineShare ?? 0.25;
  const verifyOptions = { persistIntervalMs: options.persistIntervalMs ?? 250, slackMs: options.slackMs ?? 750 };
  const dbFile = dataPaths(options.dataDir).database;
  const started = performance.now();
  const report: DurabilityReport = { kills: 0, appKills: 0, engineKills: 0, beforeAck: 0, midStream: 0, acknowledged: 0, statuses: {}, worstUnsavedMs: 0, orphanedEngines: 0, seconds: 0, violations: [] };
  const ledger: LedgerEntry[] = [];
  const timing = { boot: 0, firstDelta: 0 };
  // How long a whole reply streams here, from the replies that finished: kills aim inside that window.
  const streams: number[] = [];
  const recentStreamMs = () => {
    const recent = streams.slice(-9).sort((a, b) => a - b);
    return recent.length ? recent[Math.floor(recent.length / 2)]! : 400;
  };
  let streamMs = 400;
  // One holder, so the closures and the loop see the same current process and connection.
  const live: { app: AppProcess | null; client: RpcClient | null } = { app: null, client: null };
  let modelId = '';

  const seen = new Set<string>();
  const check = (when: string) => {
    const result = verifyLedger(dbFile, ledger, verifyOptions);
    report.worstUnsavedMs = Math.max(report.worstUnsavedMs, result.worstUnsavedMs);
    report.statuses = result.statuses;
    // The whole ledger is checked every time: a violation is reported once, where it first showed.
    for (const v of result.violations) {
      if (seen.has(v)) continue;
      seen.add(v);
      report.violations.push(`${when}: ${v}`);
    }
  };

  const boot = async () => {
    const t0 = performance.now();
    const app = (live.app = await startApp(options.dataDir));
    const client = (live.client = await connectRpc(app.port, app.token));
    timing.boot += performance.now() - t0;
    if (!modelId) {
      const existing = await client.call<Array<{ id: string; path: string }>>('models.list');
      const linked = existing.find((m) => m.path === path.resolve(options.modelPath));
      modelId = linked?.id ?? (await client.call<{ id: string }>('models.add', { path: path.resolve(options.modelPath), mode: 'link' })).id;
      // One thread and a small context: the engine starts and loads as fast as it can.
      await client.call('settings.update', { engine: { threads: 1, contextSize: 512 } });
    }
  };

  try {
    await boot();
    for (let n = 0; report.kills < options.kills; n++) {
      streamMs = recentStreamMs();
      const c = live.client!;
      const current = live.app!;
      // Evenly interleaved, so even a short run kills both: every 1/engineShare-th kill is the engine's.
      const target = engineShare > 0 && (report.kills + 1) % Math.round(1 / engineShare) === 0 ? 'engine' : 'app';
      const moment = target === 'app' && pick(20) === 0 ? 'before-ack' : 'stream';
      const entry: LedgerEntry = { n, text: `message ${n}: ${Array.from({ length: 3 + pick(6) }, () => WORDS[pick(WORDS.length)]).join(' ')}`, ack: null, deltas: [], done: null, fate: 'finished', killedAt: null };
      ledger.push(entry);
      const off = c.onEvent((event, payload) => {
        if (!entry.ack || payload.messageId !== entry.ack.messageId) return;
        if (event === 'chat.delta') entry.deltas.push({ at: performance.now(), text: String(payload.text) });
        if (event === 'chat.done') {
          entry.done = { content: String(payload.content), finishReason: String(payload.finishReason), error: payload.error ?? null };
          if (entry.deltas.length > 0 && payload.error === null) streams.push(performance.now() - entry.deltas[0]!.at);
        }
      });
      const params = { newChat: { sampling: { maxTokens: options.maxTokens ?? 64, seed: n } }, modelId, action: { type: 'send', text: entry.text } };

      if (moment === 'before-ack') {
        c.fire('chat.turn', params);
        await sleep(pick(8));
      } else {
        try {
          const t0 = performance.now();
          const turn = await c.call<{ chat: { id: string }; userMessage: { id: string }; reply: { id: string } }>('chat.turn', params);
          entry.ack = { chatId: turn.chat.id, userMessageId: turn.userMessage.id, messageId: turn.reply.id };
          void waitFor(c, (event, p) => event === 'chat.delta' && p.messageId === entry.ack!.messageId, 60_000).then(() => (timing.firstDelta += performance.now() - t0));
          report.acknowledged++;
        } catch (error) {
          log(`message ${n}: chat.turn failed: ${(error as RpcError).code} ${(error as Error).message}`);
          off();
          ledger.pop();
          continue;
        }
        // A random point of the stream, from its first delta to about when such replies end here.
        await waitFor(c, (event, p) => p.messageId === entry.ack!.messageId && (event === 'chat.done' || event === 'chat.delta'), 60_000);
        await sleep(pick(Math.max(20, Math.round(streamMs * 0.9))));
      }

      if (target === 'engine') {
        const engines = childPids(current.pid, 'engineWorker');
        if (engines.length === 0 || entry.done) {
          // Nothing streaming to cut (the reply already ended): let it finish and try again.
          if (!entry.done) await waitFor(c, (event, p) => event === 'chat.done' && p.messageId === entry.ack?.messageId, 30_000);
          off();
          continue;
        }
        for (const pid of engines) process.kill(pid, 'SIGKILL');
        entry.fate = 'engine-killed';
        report.midStream++;
        report.kills++;
        report.engineKills++;
        if (!(await waitFor(c, (event, p) => event === 'chat.done' && p.messageId === entry.ack!.messageId, 30_000)) && !entry.done) {
          report.violations.push(`message ${n}: no chat.done within 30 s of killing the engine`);
        }
        off();
        check(`after engine kill ${report.engineKills}`);
      } else {
        const engines = childPids(current.pid, 'engineWorker');
        entry.killedAt = performance.now();
        entry.fate = entry.done ? 'finished' : 'app-killed';
        if (!entry.done && entry.ack) report.midStream++;
        await current.kill();
        off();
        report.kills++;
        report.appKills++;
        if (moment === 'before-ack') report.beforeAck++;
        // An engine whose app died must exit by itself (it holds the model's memory for nobody).
        for (const pid of engines) {
          const deadline = performance.now() + 5000;
          while (isAlive(pid) && performance.now() < deadline) await sleep(20);
          if (isAlive(pid)) {
            report.orphanedEngines++;
            process.kill(pid, 'SIGKILL');
          }
        }
        await boot();
        check(`after app kill ${report.appKills}`);
      }
      if (report.kills % 10 === 0 || process.env.HEARTH_STRESS_TIMING) log(`timing: boot ${Math.round(timing.boot)} ms, first delta ${Math.round(timing.firstDelta)} ms in all`);
      if (report.kills % 10 === 0) log(`${report.kills} kills (${report.appKills} app, ${report.engineKills} engine) in ${((performance.now() - started) / 1000).toFixed(0)} s, ${report.violations.length} violations`);
    }
    // A last clean shutdown must leave the same database.
    live.client?.close();
    await live.app?.stop();
    live.app = null;
    check('after the final clean shutdown');
  } finally {
    live.client?.close();
    await live.app?.kill();
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
