import type {
  Backend,
  EngineSettings,
  EngineStatus,
  ErrorPayload,
  FinishReason,
  ModelFit,
  ReplyStats,
  Sampling,
} from '../../contract/index.js';

/**
 * Messages between the app and the engine process. Plain structured-clone
 * data: the same frames travel over child_process IPC and Electron's
 * utilityProcess port.
 */

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ModelRef {
  modelId: string;
  modelPath: string;
}

export interface GenerateArgs extends ModelRef {
  messages: ChatTurn[];
  sampling: Sampling;
}

export interface GenerateResult {
  text: string;
  finishReason: Exclude<FinishReason, 'error' | 'crashed'>;
  stats: ReplyStats;
}

export interface LoadResult {
  modelId: string;
  contextSize: number;
  gpuLayers: number;
}

export interface EngineOps {
  status: { args: Record<string, never>; result: Omit<EngineStatus, 'started'> };
  load: { args: ModelRef; result: LoadResult };
  unload: { args: { modelId: string }; result: boolean };
  generate: { args: GenerateArgs; result: GenerateResult };
  estimate: { args: { modelPath: string }; result: ModelFit };
  configure: { args: EngineSettings; result: true };
  /** One embedding vector per text, from an embedding model (loaded apart from the chat models). */
  embed: { args: ModelRef & { texts: string[] }; result: number[][] };
  /** Unloads everything and exits the engine process. */
  shutdown: { args: Record<string, never>; result: true };
}
export type EngineOp = keyof EngineOps;

export type ParentMessage =
  | { type: 'request'; id: number; op: EngineOp; args: unknown }
  | { type: 'abort'; id: number };

export type WorkerMessage =
  | { type: 'ready'; pid: number }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: ErrorPayload }
  | { type: 'progress'; id: number; progress: number }
  | { type: 'delta'; id: number; text: string }
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; message: string };

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export const BACKEND_BY_GPU: Record<string, Backend> = { metal: 'metal', cuda: 'cuda', vulkan: 'vulkan' };
