import type { apiMethods } from '../contract/api.js';
import type { Handlers } from '../rpc/handlers.js';
import type { ApiService } from '../services/api/createApiService.js';

export type ApiHandlers = Pick<Handlers, keyof typeof apiMethods>;

/** The local API's methods, one line each onto the API service. */
export function createApiHandlers(api: ApiService): ApiHandlers {
  return {
    'api.status': () => api.status(),
    'api.keys.create': ({ name }) => api.keys.create(name),
    'api.keys.list': () => api.keys.list(),
    'api.keys.revoke': ({ idOrName }) => ({ revoked: api.keys.revoke(idOrName) }),
    'api.log': ({ limit }) => api.log({ limit }),
  };
}
