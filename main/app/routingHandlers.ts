import type { Handlers } from '../rpc/handlers.js';
import type { ProfileService } from '../services/routing/createProfileService.js';
import type { RoutingService } from '../services/routing/createRoutingService.js';
import type { Store } from '../services/store/createStore.js';

type RoutingMethod = 'profiles.list' | 'profiles.create' | 'profiles.update' | 'profiles.reset' | 'profiles.delete' | 'routing.route' | 'routing.stats';

export type RoutingHandlers = Pick<Handlers, RoutingMethod>;

export interface RoutingHandlerDeps {
  profiles: ProfileService;
  routing: RoutingService;
  store: Pick<Store, 'getChat'>;
}

/** Domain routing's methods (profiles, routing preview and statistics). Re-routing a reply is a chat.turn. */
export function createRoutingHandlers(deps: RoutingHandlerDeps): RoutingHandlers {
  const { profiles, routing } = deps;
  return {
    'profiles.list': () => profiles.list(),
    'profiles.create': ({ id, ...input }) => profiles.create(id, input),
    'profiles.update': ({ id, patch }) => profiles.update(id, patch),
    'profiles.reset': ({ id }) => profiles.reset(id),
    'profiles.delete': ({ id }) => ({ deleted: profiles.delete(id) }),
    // A preview: what Auto mode would decide in this chat's context; nothing is stored.
    'routing.route': async ({ text, chatId }) => {
      const chat = chatId ? { ...deps.store.getChat(chatId), routingMode: 'auto' as const } : null;
      return (await routing.routeAsync({ chat, text })).decision;
    },
    'routing.stats': () => routing.stats(),
  };
}
