import { HearthError, METHOD_NAMES } from '../contract/index.js';
import type { Handlers } from './handlers.js';

/**
 * Handlers for host and dispatcher tests: each method not overridden answers
 * NOT_FOUND naming itself, so a test that reaches an unexpected method fails
 * with a readable reply instead of hanging.
 */
export function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const base = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      () => {
        throw new HearthError('NOT_FOUND', `${method} is not faked in this test`);
      },
    ]),
  ) as unknown as Handlers;
  return { ...base, ...overrides };
}
