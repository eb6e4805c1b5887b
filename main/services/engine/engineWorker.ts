/**
 * Entry of the engine process (a forked child under Node, a utilityProcess
 * under Electron). It owns node-llama-cpp; the app only ever sees frames, so
 * a native crash here ends this process and nothing else.
 */
import { HearthError } from '../../contract/index.js';
import { createNetworkGuard } from '../network/createNetworkGuard.js';
import { createDeltaCoalescer } from './createDeltaCoalescer.js';
import type { EngineNotice, GenerateEvent } from './engineOps.js';
import { createEngineCore } from './createEngineCore.js';
import type { CompleteEvent } from './completeOps.js';
import { serveOps, type OutFrame } from './serveOps.js';

interface Port {
  send(message: OutFrame | EngineNotice): void;
  onMessage(listener: (message: unknown) => void): void;
}

function connect(): Port {
  const parentPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (parentPort) {
    return {
      send: (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data)),
    };
  }
  if (!process.send) throw new Error('engineWorker must be started as a child process with an IPC channel');
  return {
    send: (m) => process.send!(m),
    onMessage: (l) => process.on('message', l),
  };
}

const port = connect();
const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => port.send({ notice: 'log', level, message });
// The engine never needs the network (node-llama-cpp runs with build: 'never', so it fetches nothing): every
// socket and DNS query in this process is refused, offline mode or not, and reported to the app's log.
createNetworkGuard({
  policy: {
    checkConnection({ kind, host, port: to }) {
      const message = `the engine process refused a ${kind} attempt to ${host}${to === null ? '' : `:${to}`}: it never uses the network`;
      log('warn', message);
      throw new HearthError('INTERNAL', message);
    },
    onOfflineChange: () => () => {},
  },
}).install();
const core = createEngineCore({
  log,
  gpu: process.env.HEARTH_ENGINE_GPU === 'off' ? false : 'auto',
  onStatusChange: (status) => port.send({ notice: 'status', status }),
});

const serve = serveOps(
  {
    status: () => core.status(),
    load: (ref, { signal, stream }) => core.load(ref, { signal, onProgress: (progress) => stream({ type: 'loading', progress } satisfies GenerateEvent) }),
    unload: ({ modelId }) => core.unload(modelId),
    estimate: ({ modelPath }) => core.estimate(modelPath),
    configure: (settings) => {
      core.configure(settings);
      return true as const;
    },
    embed: ({ texts, ...ref }, { signal }) => core.embed(ref, texts, { signal }),
    rank: ({ query, texts, ...ref }, { signal }) => core.rank(ref, query, texts, { signal }),
    async generate(args, { signal, stream }) {
      // The one batching layer for a reply's text: at most one delta frame per interval (see createDeltaCoalescer).
      const deltas = createDeltaCoalescer((text, segment) => stream((segment ? { type: 'delta', text, segment } : { type: 'delta', text }) satisfies GenerateEvent));
      try {
        return await core.generate(args, {
          signal,
          onLoadProgress: (progress) => stream({ type: 'loading', progress } satisfies GenerateEvent),
          onContext: (context) => stream({ type: 'generating', context } satisfies GenerateEvent),
          onText: deltas.push,
          onSettled: deltas.flush,
        });
      } finally {
        deltas.flush();
      }
    },
    async complete(args, { signal, stream }) {
      // Text deltas are batched like a chat's; a tool call's pieces go out as they come (they are few).
      const deltas = createDeltaCoalescer((text) => stream({ type: 'delta', text } satisfies CompleteEvent));
      try {
        return await core.complete(args, {
          signal,
          onEvent: (event) => {
            if (event.type === 'delta') deltas.push(event.text);
            else {
              deltas.flush();
              stream(event);
            }
          },
        });
      } finally {
        deltas.flush();
      }
    },
    async shutdown() {
      await core.dispose();
      setImmediate(() => process.exit(0));
      return true as const;
    },
  },
  (frame) => port.send(frame),
  (error) => log('error', String((error as Error)?.stack ?? error)),
);

port.onMessage(serve);

// The app died (kill -9, crash): an orphaned engine would hold gigabytes of RAM for nobody.
process.on('disconnect', () => process.exit(0));

port.send({ notice: 'ready', pid: process.pid });
