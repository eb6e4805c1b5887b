import type { Handlers } from '../rpc/handlers.js';
import type { NetworkPolicyService } from '../services/network/createNetworkPolicy.js';

export type NetworkHandlers = Pick<Handlers, 'network.log'>;

/** The network log, newest first (offline mode itself is the `offline` setting: settings.update). */
export function createNetworkHandlers({ network }: { network: Pick<NetworkPolicyService, 'list'> }): NetworkHandlers {
  return {
    'network.log': ({ limit }) => network.list({ limit }),
  };
}
