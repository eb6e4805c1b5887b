import { HearthError } from '../contract/index.js';
import type { Handlers } from '../rpc/handlers.js';

export type NetworkHandlers = Pick<Handlers, 'network.log'>;

/** The network log (offline mode itself is the `offline` setting). */
export function createNetworkHandlers(): NetworkHandlers {
  return {
    'network.log': () => {
      throw new HearthError('INTERNAL', 'The network log is not built yet.');
    },
  };
}
