/**
 * Entry of the engine process (a forked child under Node, a utilityProcess
 * under Electron). It owns node-llama-cpp; the app only ever sees messages, so
 * a native crash here ends this process and nothing else.
 */
import { HearthError, toErrorPayload, type EngineSettings } from '../../contract/index.js';
import { createNetworkGuard } from '../network/createNetworkGuard.js';
import { createDeltaCoalescer } from './createDeltaCoalescer.js';
import { createEngineCore } from './engineCore.js';
import type { EngineOp, GenerateArgs, ModelRef, ParentMessage, WorkerMessage } from './protocol.js';

interface Port {
  send(message: WorkerMessage): void;
  onMessage(listener: (message: ParentMessage) => void): void;
}

function connect(): Port {
  const parentPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (parentPort) {
    return {
      send: (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data as ParentMessage)),
    };
  }
  if (!process.send) throw new Error('engineWorker must be started as a child process with an IPC channel');
  return {
    send: (m) => process.send!(m),
    onMessage: (l) => process.on('message', (m) => l(m as ParentMessage)),
  };
}

const port = connect();
// The engine never needs the network (node-llama-cpp runs with build: 'never', so it fetches nothing): every
// socket and DNS query in this process is refused, offline mode or not, and reported to the app's log.
createNetworkGuard({
  policy: {
    checkConnection({ kind, host, port: to }) {
      const message = `the engine process refused a ${kind} attempt to ${host}${to === null ? '' : `:${to}`}: it never uses the network`;
      port.send({ type: 'log', level: 'warn', message });
      throw new HearthError('INTERNAL', message);
    },
    onOfflineChange: () => () => {},
  },
}).install();
const core = createEngineCore({
  log: (level, message) => port.send({ type: 'log', level, message }),
  gpu: process.env.HEARTH_ENGINE_GPU === 'off' ? false : 'auto',
});
const controllers = new Map<number, AbortController>();

async function run(id: number, op: EngineOp, args: unknown, signal: AbortSignal): Promise<unknown> {
  switch (op) {
    case 'status':
      return core.status();
    case 'load':
      return core.load(args as ModelRef, { signal, onProgress: (progress) => port.send({ type: 'progress', id, progress }) });
    case 'unload':
      return core.unload((args as { modelId: string }).modelId);
    case 'estimate':
      return core.estimate((args as { modelPath: string }).modelPath);
    case 'configure':
      core.configure(args as EngineSettings);
      return true;
    case 'embed': {
      const { texts, ...ref } = args as ModelRef & { texts: string[] };
      return core.embed(ref, texts, { signal });
    }
    case 'generate': {
      const deltas = createDeltaCoalescer((text) => port.send({ type: 'delta', id, text }));
      try {
        return await core.generate(args as GenerateArgs, {
          signal,
          onLoadProgress: (progress) => port.send({ type: 'progress', id, progress }),
          onText: deltas.push,
          onSettled: deltas.flush,
        });
      } finally {
        deltas.flush();
      }
    }
    case 'shutdown':
      await core.dispose();
      setImmediate(() => process.exit(0));
      return true;
  }
}

port.onMessage((message) => {
  if (message.type === 'abort') {
    controllers.get(message.id)?.abort();
    return;
  }
  if (message.type !== 'request') return;
  const controller = new AbortController();
  controllers.set(message.id, controller);
  run(message.id, message.op, message.args, controller.signal).then(
    (value) => port.send({ type: 'result', id: message.id, ok: true, value }),
    (error: unknown) => {
      const payload = toErrorPayload(error);
      if (payload.code === 'INTERNAL') port.send({ type: 'log', level: 'error', message: String((error as Error)?.stack ?? error) });
      port.send({ type: 'result', id: message.id, ok: false, error: payload });
    },
  ).finally(() => controllers.delete(message.id));
});

// The app died (kill -9, crash): an orphaned engine would hold gigabytes of RAM for nobody.
process.on('disconnect', () => process.exit(0));

port.send({ type: 'ready', pid: process.pid });
