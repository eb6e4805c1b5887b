import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CHAT_TEMPLATE_WORKER_SOURCE } from './chatTemplateWorkerSource.js';

/**
 * What a bounded trial of a model's Jinja chat template found.
 * - ok: it parses, holds nothing suspicious and renders a sample chat quickly.
 * - hostile: it would hang, exhaust memory or reach for interpreter internals;
 *   the model is refused (MODEL_INVALID) and the engine never renders it.
 * - not hostile, not ok: it is merely broken for our renderer (a parse error,
 *   an exception on the sample chat); the model is usable with the plain
 *   wrapper, and the engine says so in a warning.
 */
export type TemplateVerdict =
  | { ok: true; outputBytes: number; /** Interpreter steps the short sample took. */ steps?: number }
  | { ok: false; hostile: boolean; reason: string };

export interface TemplateCheckLimits {
  /** Parse, scan and render must finish within this many ms of the worker being ready. */
  timeoutMs: number;
  /** A worker that has not loaded the Jinja engine after this long counts as "could not check", not as hostile. */
  startupTimeoutMs: number;
  /** V8 old-generation heap of the worker, MB: a template that builds more dies alone. */
  maxHeapMb: number;
  /** Rendered bytes allowed for the four-message sample chat. */
  maxOutputBytes: number;
  /** Interpreter steps (nodes evaluated) one render may take, short or long chat. */
  maxSteps: number;
  /**
   * How much faster than the conversation a template's cost may grow between
   * the short sample and the long chat: steps may grow up to this times the
   * message-count ratio, output up to this times the long chat's bytes.
   */
  maxGrowth: number;
  /** Messages in the long trial chat. */
  longMessages: number;
  /** Largest constant a template may repeat a value by ('x' * N) or compute. */
  maxRepeat: number;
  /** Largest constant bound of range(). */
  maxRange: number;
  maxDepth: number;
  maxNodes: number;
}

export const DEFAULT_TEMPLATE_LIMITS: Readonly<TemplateCheckLimits> = Object.freeze({
  // A backstop, not the measure: the counted steps and bytes decide; a busy machine must not refuse a real template.
  timeoutMs: 2000,
  startupTimeoutMs: 20_000,
  maxHeapMb: 64,
  maxOutputBytes: 256 * 1024,
  maxSteps: 2_000_000,
  maxGrowth: 4,
  longMessages: 200,
  maxRepeat: 10_000,
  maxRange: 100_000,
  maxDepth: 200,
  maxNodes: 200_000,
});

/** What node-llama-cpp passes a template, on a short chat (then without the system message, which some templates refuse). */
const CHAT = [
  { role: 'user', content: 'Hello, who are you?' },
  { role: 'assistant', content: 'I am an assistant. How can I help?' },
  { role: 'user', content: 'Tell me a short story.' },
];
interface Sample {
  messages: Array<{ role: string; content: string }>;
  add_generation_prompt: boolean;
  bos_token: string;
  eos_token: string;
}
const SAMPLES: Sample[] = [
  { messages: [{ role: 'system', content: 'You are a helpful assistant.' }, ...CHAT], add_generation_prompt: true, bos_token: '<s>', eos_token: '</s>' },
  { messages: CHAT, add_generation_prompt: true, bos_token: '<s>', eos_token: '</s>' },
];

/**
 * A long, large conversation of the same shape as the samples: alternating
 * turns (templates like Llama 2's refuse anything else), every tenth message
 * a few KB, so a cost that depends on the message count or on a message's
 * length shows here and not on the short sample.
 */
export function longTrialChat(messages: number): { withSystem: Sample; withoutSystem: Sample } {
  const turns = Array.from({ length: messages - 1 }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: i % 10 === 9 ? `Here is the log you asked about, line ${i}: ${'the build failed at step seven; '.repeat(100)}` : `Message ${i}: could you go on from there?`,
  }));
  // End on a user turn, as a chat about to be answered does.
  if (turns[turns.length - 1]?.role !== 'user') turns.pop();
  return {
    withSystem: { ...SAMPLES[0]!, messages: [{ role: 'system', content: 'You are a helpful assistant.' }, ...turns] },
    withoutSystem: { ...SAMPLES[1]!, messages: turns },
  };
}

let jinjaPath: string | null | undefined;
/** The Jinja engine node-llama-cpp itself renders with, found from node-llama-cpp so the versions match. */
function resolveJinja(): string | null {
  if (jinjaPath !== undefined) return jinjaPath;
  try {
    const here = createRequire(import.meta.url);
    jinjaPath = createRequire(here.resolve('node-llama-cpp')).resolve('@huggingface/jinja');
  } catch {
    jinjaPath = null;
  }
  return jinjaPath;
}

const cache = new Map<string, TemplateVerdict>();
const CACHE_SIZE = 64;

function remember(key: string, verdict: TemplateVerdict): TemplateVerdict {
  cache.set(key, verdict);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return verdict;
}

/**
 * Tries a chat template in a worker thread with a small heap and a deadline,
 * before node-llama-cpp (or llama.cpp's native renderer, which it falls back
 * to) ever renders it in a process that matters. Never throws. Verdicts are
 * cached by template text, so a model re-checked at each load costs nothing.
 */
export async function checkChatTemplate(template: string, overrides: Partial<TemplateCheckLimits> = {}): Promise<TemplateVerdict> {
  const limits = { ...DEFAULT_TEMPLATE_LIMITS, ...overrides };
  const key = createHash('sha256').update(JSON.stringify(limits)).update(template).digest('hex');
  const known = cache.get(key);
  if (known) return known;
  const jinja = resolveJinja();
  if (!jinja) return { ok: false, hostile: false, reason: 'the Jinja engine is not installed, so it could not be checked' };
  const verdict = await runWorker(template, jinja, limits);
  // "Could not check" (a busy machine) is not cached: the next try may succeed.
  return verdict.ok || verdict.hostile || !verdict.reason.startsWith('could not') ? remember(key, verdict) : verdict;
}

function runWorker(template: string, jinja: string, limits: TemplateCheckLimits): Promise<TemplateVerdict> {
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout;
    const worker = new Worker(CHAT_TEMPLATE_WORKER_SOURCE, {
      eval: true,
      workerData: { template, jinjaPath: jinja, limits, samples: SAMPLES, longChat: longTrialChat(limits.longMessages) },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
      env: {},
    });
    const finish = (verdict: TemplateVerdict) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(verdict);
      void worker.terminate();
    };
    const arm = (ms: number, verdict: TemplateVerdict) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(verdict), ms);
    };
    arm(limits.startupTimeoutMs, { ok: false, hostile: false, reason: 'could not check it: the checker did not start in time' });
    worker.on('message', (message: { kind: string; ok?: boolean; hostile?: boolean; reason?: string; outputBytes?: number; steps?: number }) => {
      if (message.kind === 'ready') {
        arm(limits.timeoutMs, { ok: false, hostile: true, reason: `rendering it (a short and a ${limits.longMessages}-message chat) takes longer than ${limits.timeoutMs} ms` });
      } else if (message.ok) {
        finish({ ok: true, outputBytes: message.outputBytes ?? 0, ...(message.steps === undefined ? {} : { steps: message.steps }) });
      } else {
        finish({ ok: false, hostile: message.hostile === true, reason: message.reason ?? 'it failed the check' });
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') finish({ ok: false, hostile: true, reason: `rendering it (a short or a ${limits.longMessages}-message chat) needs more than ${limits.maxHeapMb} MB of memory` });
      else finish({ ok: false, hostile: false, reason: `could not check it (${error.message.slice(0, 200)})` });
    });
    worker.on('exit', () => finish({ ok: false, hostile: true, reason: 'rendering it stopped the checker' }));
  });
}
