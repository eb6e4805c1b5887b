import os from 'node:os';
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { DEFAULT_SETTINGS, HearthError, type ContextUse, type EngineSettings, type ModelFit } from '../../contract/index.js';
import { checkChatTemplate, type TemplateVerdict } from '../gguf/checkChatTemplate.js';
import { chooseThreads, overlapsTextWork } from './chooseThreads.js';
import { generateReply, type GenerationTarget } from './generateReply.js';
import { createEmbeddingModels } from './embeddingModels.js';
import { estimateFit, resolveLoadPlan } from './estimateFit.js';
import { PlainChatWrapper } from './PlainChatWrapper.js';
import { BACKEND_BY_GPU, type CoreStatus, type EngineTuning, type GenerateArgs, type GenerateResult, type LoadResult, type ModelRef } from './engineOps.js';
import { TokenCounts } from './fitPrompt.js';
import { runCompletion } from './runCompletion.js';
import type { CompleteArgs, CompleteEvent, CompleteResult } from './completeOps.js';
import { createSequencePool, type SequencePool } from './createSequencePool.js';

type LlamaModule = typeof import('node-llama-cpp');

interface Entry extends GenerationTarget {
  modelPath: string;
  context: LlamaContext;
  gpuLayers: number;
  threads: number;
  ramBytes: number;
  vramBytes: number;
  lastUsedAt: number;
  idleTimer: { unref(): unknown } | null;
  /** The API's own sequences (empty unless parallelSequences > 1). */
  apiPool: SequencePool<LlamaContextSequence>;
}

export interface EngineCoreDeps {
  /** Loads node-llama-cpp lazily so start-up stays fast and a missing binary fails only when used. */
  importLlama?: () => Promise<LlamaModule>;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  settings?: EngineSettings | EngineTuning;
  /** Tests force the CPU so results do not depend on the machine's GPU. */
  gpu?: 'auto' | false;
  /** Called after every load and unload (idle unloads too), so the app is told rather than polling. */
  onStatusChange?: (status: CoreStatus) => void;
  /** The idle-unload timer; tests pass their own to see that unloading waits for it. Default: the global timers. */
  timers?: { setTimeout(run: () => void, ms: number): { unref(): unknown }; clearTimeout(timer: unknown): void };
}

export interface LoadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: number) => void;
}

export interface EngineCore {
  status(): Promise<CoreStatus>;
  load(ref: ModelRef, options?: LoadOptions): Promise<LoadResult>;
  unload(modelId: string): Promise<boolean>;
  generate(
    args: GenerateArgs,
    options: { signal: AbortSignal; onText(text: string, segment?: 'thought'): void; onSettled?(): void; onLoadProgress?(p: number): void; onContext?(context: ContextUse): void },
  ): Promise<GenerateResult>;
  /** An OpenAI-style completion for the local API: in turn with chats on the chat's sequence, or on an API sequence (parallelSequences > 1). */
  complete(args: CompleteArgs, options: { signal: AbortSignal; onEvent(event: CompleteEvent): void }): Promise<CompleteResult>;
  estimate(modelPath: string): Promise<ModelFit>;
  /** Embedding vectors for texts, from an embedding model. */
  embed(ref: ModelRef, texts: readonly string[], options?: { signal?: AbortSignal }): Promise<number[][]>;
  /** Relevance scores of texts for a query, from a reranker. */
  rank(ref: ModelRef, query: string, texts: readonly string[], options?: { signal?: AbortSignal }): Promise<number[]>;
  configure(settings: EngineSettings | EngineTuning): void;
  dispose(): Promise<void>;
}

/**
 * The engine proper, over node-llama-cpp. Runs inside the engine process; the
 * app talks to it through createEngine's messages. Loads, generations and
 * unloads are serialised: one llama.cpp context per model, one reply at a time.
 */
export function createEngineCore(deps: EngineCoreDeps = {}): EngineCore {
  const log = deps.log ?? (() => {});
  let settings: EngineSettings & { parallelSequences?: number } = deps.settings ?? DEFAULT_SETTINGS.engine;
  /** Sequences apart for API completions: none unless more than one may run at once. */
  const apiSequences = () => ((settings.parallelSequences ?? 1) > 1 ? settings.parallelSequences! : 0);
  let llamaPromise: Promise<{ module: LlamaModule; llama: Llama }> | null = null;
  const loaded = new Map<string, Entry>();
  let lastThreads = 0;
  let chain: Promise<unknown> = Promise.resolve();
  let disposed = false;

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task, task);
    chain = run.catch(() => {});
    return run;
  }

  async function getLlama(): Promise<{ module: LlamaModule; llama: Llama }> {
    llamaPromise ??= (async () => {
      const module = await (deps.importLlama ?? (() => import('node-llama-cpp')))();
      const llama = await module.getLlama({
        gpu: deps.gpu ?? 'auto',
        build: 'never',
        logLevel: module.LlamaLogLevel.warn,
        logger: (level, message) => log(level === 'error' || level === 'fatal' ? 'error' : level === 'warn' ? 'warn' : 'debug', message.trim()),
      });
      log('info', `llama.cpp backend ${llama.gpu || 'cpu'}, ${llama.cpuMathCores} math cores`);
      return { module, llama };
    })();
    try {
      return await llamaPromise;
    } catch (error) {
      llamaPromise = null;
      throw new HearthError('ENGINE_UNAVAILABLE', `The inference runtime could not start: ${(error as Error).message}`, { cause: error });
    }
  }

  const embeddings = createEmbeddingModels({
    getLlama: async () => (await getLlama()).llama,
    idleMinutes: () => settings.idleUnloadMinutes,
    serial,
    log,
    threads: (modelBytes, mathCores) => chooseThreads({ configured: settings.threads, mathCores, modelBytes }),
  });

  const timers = deps.timers ?? { setTimeout: (run: () => void, ms: number) => setTimeout(run, ms), clearTimeout: (timer: unknown) => clearTimeout(timer as NodeJS.Timeout) };

  function touch(entry: Entry): void {
    entry.lastUsedAt = Date.now();
    if (entry.idleTimer) timers.clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    if (settings.idleUnloadMinutes > 0) {
      entry.idleTimer = timers.setTimeout(() => {
        // API completions on their own sequences run outside the serial chain: a model in use is not idle.
        if (entry.apiPool.active > 0) return touch(entry);
        void serial(() => unloadNow(entry.modelId)).catch(() => {});
      }, settings.idleUnloadMinutes * 60_000);
      entry.idleTimer.unref();
    }
  }

  async function unloadNow(modelId: string): Promise<boolean> {
    const entry = loaded.get(modelId);
    if (!entry) return false;
    loaded.delete(modelId);
    if (entry.idleTimer) timers.clearTimeout(entry.idleTimer);
    // Completions on the API's sequences finish first: their context is about to go.
    await entry.apiPool.drained();
    // Order matters: sequence and context hold references into the model.
    entry.sequence.dispose();
    await entry.context.dispose();
    await entry.model.dispose();
    log('info', `unloaded ${modelId}`);
    announce();
    return true;
  }

  async function loadNow(ref: ModelRef, options: LoadOptions = {}): Promise<Entry> {
    const existing = loaded.get(ref.modelId);
    if (existing && existing.modelPath === ref.modelPath && existing.apiPool.size === apiSequences()) {
      touch(existing);
      return existing;
    }
    if (existing) await unloadNow(ref.modelId);
    const { module, llama } = await getLlama();
    const extraSequences = apiSequences();
    const plan = await resolveLoadPlan(module, llama, ref, settings, 1 + extraSequences);
    // Make room: unload least recently used models until the new one fits the budget.
    const budget = settings.memoryBudgetMb !== null ? settings.memoryBudgetMb * 1024 * 1024 : Infinity;
    const byAge = [...loaded.values()].sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    const ram = await llama.getRamState();
    let used = byAge.reduce((sum, e) => sum + e.ramBytes, 0);
    let available = ram.free;
    while (byAge.length > 0 && (used + plan.ramBytes > budget || plan.ramBytes > available)) {
      const victim = byAge.shift()!;
      used -= victim.ramBytes;
      available += victim.ramBytes;
      await unloadNow(victim.modelId);
    }
    if (plan.ramBytes > Math.min(budget, available)) {
      throw new HearthError(
        'INSUFFICIENT_MEMORY',
        `${ref.modelId} needs about ${mb(plan.ramBytes)} of RAM with a ${plan.contextSize}-token context${extraSequences > 0 ? ` and ${extraSequences} API sequences beside the chat's` : ''}, and ${mb(Math.min(budget, available))} is available. Close other apps, pick a smaller quantization, or lower the context size${extraSequences > 0 ? ' or the parallel API requests' : ''} in Settings.`,
      );
    }
    let model: LlamaModel;
    try {
      model = await llama.loadModel({
        modelPath: ref.modelPath,
        gpuLayers: settings.gpuLayers,
        onLoadProgress: options.onProgress,
        loadSignal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw new HearthError('ABORTED', `Loading ${ref.modelId} was cancelled.`);
      throw loadError(module, ref, error);
    }
    const mathCores = llama.cpuMathCores || os.availableParallelism();
    const threads = chooseThreads({ configured: settings.threads, mathCores, modelBytes: model.size });
    let context: LlamaContext;
    try {
      context = await model.createContext({ contextSize: { min: Math.min(256, plan.contextSize), max: plan.contextSize }, threads, sequences: 1 + extraSequences });
    } catch (error) {
      await model.dispose();
      throw loadError(module, ref, error);
    }
    // The file was checked when it was added, but a linked file can change since: try the template again (cached by text).
    const template = model.fileInfo.metadata.tokenizer?.chat_template;
    const verdict = template ? await checkChatTemplate(template) : undefined;
    const chatWrapper = chatWrapperFor(module, model, (message) => log('warn', `${ref.modelId}: ${message}`), verdict);
    const entry: Entry = {
      modelId: ref.modelId,
      modelPath: ref.modelPath,
      model,
      context,
      sequence: context.getSequence(),
      apiPool: createSequencePool(Array.from({ length: extraSequences }, () => context.getSequence())),
      chatWrapper,
      tokenCounts: new TokenCounts(),
      contextSize: context.contextSize,
      gpuLayers: model.gpuLayers,
      threads,
      overlapTextWork: overlapsTextWork({ threads, mathCores, gpuLayers: model.gpuLayers }),
      ramBytes: plan.ramBytes,
      vramBytes: plan.vramBytes,
      lastUsedAt: Date.now(),
      idleTimer: null,
    };
    lastThreads = threads;
    loaded.set(ref.modelId, entry);
    touch(entry);
    announce();
    log('info', `loaded ${ref.modelId}: context ${entry.contextSize}, ${threads} threads, ${entry.gpuLayers} GPU layers, wrapper ${chatWrapper.wrapperName}`);
    return entry;
  }

  async function status(): Promise<CoreStatus> {
    const { llama } = await getLlama();
    const [ram, vram, devices] = await Promise.all([llama.getRamState(), llama.getVramState(), llama.getGpuDeviceNames()]);
    return {
      backend: (llama.gpu && BACKEND_BY_GPU[llama.gpu]) || 'cpu',
      devices: devices.map((name) => ({ name, vramTotalBytes: vram.total })),
      threads: lastThreads || chooseThreads({ configured: settings.threads, mathCores: llama.cpuMathCores, modelBytes: Infinity }),
      ramTotalBytes: ram.total,
      ramFreeBytes: ram.free,
      vramTotalBytes: vram.total,
      vramFreeBytes: vram.free,
      loaded: [...loaded.values()].map((e) => ({
        modelId: e.modelId,
        contextSize: e.contextSize,
        gpuLayers: e.gpuLayers,
        ramBytes: e.ramBytes,
        vramBytes: e.vramBytes,
        lastUsedAt: e.lastUsedAt,
        chatWrapper: e.chatWrapper.wrapperName,
      })),
    };
  }

  /** Tells the app what is loaded now (fire and forget: a status read never fails a load). */
  function announce(): void {
    if (!deps.onStatusChange) return;
    void status().then(deps.onStatusChange, () => {});
  }

  return {
    status,
    load: (ref, options) =>
      serial(async () => {
        const entry = await loadNow(ref, options);
        return { modelId: entry.modelId, contextSize: entry.contextSize, gpuLayers: entry.gpuLayers };
      }),
    unload: (modelId) => serial(() => unloadNow(modelId)),
    generate: (args, options) => {
      const startedAt = performance.now();
      return serial(async () => {
        const entry = await loadNow(args, { signal: options.signal, onProgress: options.onLoadProgress });
        const { llama } = await getLlama();
        try {
          return await generateReply(entry, args, {
            signal: options.signal,
            onText: options.onText,
            onSettled: options.onSettled,
            onContext: options.onContext,
            backend: (llama.gpu && BACKEND_BY_GPU[llama.gpu]) || 'cpu',
            threads: entry.threads,
            startedAt,
          });
        } finally {
          touch(entry);
        }
      });
    },
    complete: (args, options) =>
      runCompletion({ serial, getLlama, touch, load: () => loadNow(args, { signal: options.signal, onProgress: (progress) => options.onEvent({ type: 'loading', progress }) }) }, args, options),
    async estimate(modelPath) {
      const { module, llama } = await getLlama();
      return estimateFit(module, llama, modelPath, settings);
    },
    embed: (ref, texts, options = {}) => embeddings.embed(ref, texts, options.signal),
    rank: (ref, query, texts, options = {}) => embeddings.rank(ref, query, texts, options.signal),
    configure(next) {
      settings = next;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await serial(async () => {
        for (const id of [...loaded.keys()]) await unloadNow(id);
        await embeddings.dispose();
      });
      if (llamaPromise) await (await llamaPromise).llama.dispose();
    },
  };
}

/**
 * The model's own Jinja template when it has one; plain text for base models
 * without one, and for a template that failed checkChatTemplate's bounded
 * trial (`verdict`): node-llama-cpp would otherwise render it unbounded, or
 * hand it to llama.cpp's native renderer when its own parser gives up.
 */
export function chatWrapperFor(
  module: LlamaModule,
  model: LlamaModel,
  warn: (message: string) => void = () => {},
  verdict?: TemplateVerdict,
): GenerationTarget['chatWrapper'] {
  if (!model.fileInfo.metadata.tokenizer?.chat_template) return new PlainChatWrapper();
  if (verdict && !verdict.ok) {
    warn(`the model's chat template is not used (${verdict.reason}); replies use the plain-text wrapper and may be of lower quality`);
    return new PlainChatWrapper();
  }
  try {
    return module.resolveChatWrapper(model, { fallbackToOtherWrappersOnJinjaError: true });
  } catch (error) {
    // A hostile or broken template must not make the model unusable.
    warn(`chat template rejected (${(error as Error).message}); using the plain wrapper`);
    return new PlainChatWrapper();
  }
}

function loadError(module: LlamaModule, ref: ModelRef, error: unknown): HearthError {
  if (error instanceof HearthError) return error;
  if (error instanceof module.InsufficientMemoryError) {
    return new HearthError('INSUFFICIENT_MEMORY', `Not enough memory to load ${ref.modelId}: ${error.message}. Try a smaller model or context size.`);
  }
  return new HearthError('MODEL_LOAD_FAILED', `llama.cpp could not load ${ref.modelId}: ${(error as Error).message}`);
}

export function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}
