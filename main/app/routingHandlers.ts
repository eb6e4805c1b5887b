import { HearthError } from '../contract/index.js';
import type { Handlers } from '../rpc/handlers.js';
import type { EventBus } from '../services/events/eventBus.js';
import type { ProfileService } from '../services/routing/createProfileService.js';

type RoutingMethod = 'profiles.list' | 'profiles.create' | 'profiles.update' | 'profiles.reset' | 'profiles.delete' | 'routing.route' | 'routing.stats' | 'chat.reroute';

export type RoutingHandlers = Pick<Handlers, RoutingMethod>;

export interface RoutingHandlerDeps {
  profiles: ProfileService;
  bus: EventBus;
}

const pending = (): never => {
  throw new HearthError('INTERNAL', 'Domain routing is not built yet.');
};

/** Domain routing's methods (profiles, routing preview and statistics, re-route). */
export function createRoutingHandlers(deps: RoutingHandlerDeps): RoutingHandlers {
  const { profiles } = deps;
  return {
    'profiles.list': () => profiles.list(),
    'profiles.create': ({ id, ...input }) => profiles.create(id, input),
    'profiles.update': ({ id, patch }) => profiles.update(id, patch),
    'profiles.reset': ({ id }) => profiles.reset(id),
    'profiles.delete': ({ id }) => ({ deleted: profiles.delete(id) }),
    'routing.route': pending,
    'routing.stats': pending,
    'chat.reroute': pending,
  };
}
