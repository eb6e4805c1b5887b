/**
 * The engine runs in its own process so a native crash or out-of-memory in
 * llama.cpp never takes down the app or the store. Under Node it is a forked
 * child; under Electron a utilityProcess. Both are adapted to this shape.
 */
export interface WorkerHandle {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process is gone, whatever the reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
  readonly pid: number | undefined;
}

export type SpawnWorker = (options: { env: Record<string, string> }) => WorkerHandle;
