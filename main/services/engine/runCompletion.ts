import type { Llama, LlamaContextSequence } from 'node-llama-cpp';
import { completeChat } from './completeChat.js';
import type { CompleteArgs, CompleteEvent, CompleteResult } from './completeOps.js';
import type { SequencePool } from './createSequencePool.js';
import { BACKEND_BY_GPU } from './engineOps.js';
import type { GenerationTarget } from './generateReply.js';

type LlamaModule = typeof import('node-llama-cpp');

/** A loaded model as the engine core holds it: the chat's sequence, and the API's own when there are any. */
export interface CompletionEntry extends GenerationTarget {
  threads: number;
  apiPool: SequencePool<LlamaContextSequence>;
}

/** What runCompletion needs of the engine core. */
export interface CompletionHost<E extends CompletionEntry> {
  /** The core's one chain of loads, unloads and chat replies. */
  serial<T>(task: () => Promise<T>): Promise<T>;
  /** Loads the model (or finds it loaded); runs inside serial. */
  load(): Promise<E>;
  /** The model was used: its idle-unload timer starts again. */
  touch(entry: E): void;
  getLlama(): Promise<{ module: LlamaModule; llama: Llama }>;
}

/**
 * Schedules one API completion. Without API sequences it takes its turn in
 * the core's chain on the chat's sequence, like a chat reply. With them, only
 * the load is in the chain; the generation holds a sequence of its own and
 * runs beside chats and other completions. The sequence is asked for inside
 * the chain, so an unload queued behind the load waits for the completion.
 */
export async function runCompletion<E extends CompletionEntry>(
  host: CompletionHost<E>,
  args: CompleteArgs,
  options: { signal: AbortSignal; onEvent(event: CompleteEvent): void },
): Promise<CompleteResult> {
  const startedAt = performance.now();
  const run = async (entry: E, sequence: LlamaContextSequence) => {
    const { module, llama } = await host.getLlama();
    try {
      return await completeChat(module, llama, { ...entry, sequence }, args, {
        signal: options.signal,
        onEvent: options.onEvent,
        backend: (llama.gpu && BACKEND_BY_GPU[llama.gpu]) || 'cpu',
        threads: entry.threads,
        startedAt,
      });
    } finally {
      host.touch(entry);
    }
  };
  const { entry, sequence } = await host.serial(async () => {
    const entry = await host.load();
    return { entry, sequence: entry.apiPool.size > 0 ? entry.apiPool.acquire(options.signal) : null };
  });
  if (!sequence) return host.serial(() => run(entry, entry.sequence));
  const held = await sequence;
  try {
    return await run(entry, held);
  } finally {
    entry.apiPool.release(held);
  }
}
