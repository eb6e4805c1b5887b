import { HearthError } from '../contract/index.js';
import type { Handlers } from '../rpc/handlers.js';

type RoutingMethod = 'profiles.list' | 'profiles.create' | 'profiles.update' | 'profiles.reset' | 'profiles.delete' | 'routing.route' | 'routing.stats' | 'chat.reroute';

export type RoutingHandlers = Pick<Handlers, RoutingMethod>;

const pending = (): never => {
  throw new HearthError('INTERNAL', 'Domain routing is not built yet.');
};

/** Domain routing's methods (profiles, routing preview and statistics, re-route). */
export function createRoutingHandlers(): RoutingHandlers {
  return {
    'profiles.list': pending,
    'profiles.create': pending,
    'profiles.update': pending,
    'profiles.reset': pending,
    'profiles.delete': pending,
    'routing.route': pending,
    'routing.stats': pending,
    'chat.reroute': pending,
  };
}
