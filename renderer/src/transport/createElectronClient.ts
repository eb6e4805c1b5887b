import type { HearthBridge } from '../../../main/contract/bridge.js';
import { fromErrorPayload, HearthError } from '../../../main/contract/errors.js';
import { createEventHub, createSeqTracker } from './createEventHub.js';
import type { ConnectionInfo, HearthClient } from './HearthClient.js';

const OPEN: ConnectionInfo = { state: 'open', message: null };

/** The client over the preload's `window.hearth`: one invoke channel, one event channel. */
export function createElectronClient(bridge: HearthBridge): HearthClient {
  const hub = createEventHub();
  const seq = createSeqTracker();
  const stop = bridge.onEvent((frame) => {
    seq.see(frame.seq);
    hub.emit(frame.event, frame.payload);
  });
  return {
    shell: 'electron',
    async call(method, params) {
      let reply;
      try {
        reply = await bridge.invoke(method, params);
      } catch (cause) {
        throw new HearthError('INTERNAL', `Hearth could not reach its main process for ${method}. Restart Hearth if this keeps happening.`, { cause });
      }
      if (reply.ok) return reply.result as never;
      throw fromErrorPayload(reply.error);
    },
    on: hub.on,
    connection: () => OPEN,
    onConnection: () => () => {},
    onGap: seq.onGap,
    close: stop,
  };
}
