import { z } from 'zod';
import { Id } from './entities.js';

/**
 * The local OpenAI-compatible API's management: whether the server runs, its
 * keys and its request log. The API itself speaks OpenAI's HTTP shapes
 * (services/api); these are the app's own methods around it. Spread into
 * `methods` (methods.ts).
 */

export const ApiStatus = z.object({
  running: z.boolean(),
  /** The base URL clients use (http://127.0.0.1:1338/v1); null when not running. */
  url: z.string().nullable(),
  /** Why the server is not running although it is enabled (port in use...); null otherwise. */
  error: z.string().nullable(),
  /** True when bound to an address other machines can reach. */
  exposed: z.boolean(),
});
export type ApiStatus = z.infer<typeof ApiStatus>;

export const ApiKeyName = z.string().trim().min(1).max(100).regex(/^[^\p{Cc}]+$/u, 'a key name has no control characters');

export const ApiKey = z.object({
  id: Id,
  name: z.string(),
  /** The first characters of the key (hk-abcd…), to tell keys apart; the key itself is never stored. */
  prefix: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
});
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiLogEntry = z.object({
  id: z.number().int(),
  at: z.number(),
  /** The key's name; null when no key was given or it was not valid. */
  keyName: z.string().nullable(),
  method: z.string(),
  endpoint: z.string(),
  model: z.string().nullable(),
  promptTokens: z.number().int().nonnegative().nullable(),
  completionTokens: z.number().int().nonnegative().nullable(),
  status: z.number().int(),
  durationMs: z.number().nonnegative(),
  /** Error code or finish reason, short. */
  note: z.string().nullable(),
  /** The request's messages and the answer, only when the user enabled logging content. */
  content: z.string().nullable(),
});
export type ApiLogEntry = z.infer<typeof ApiLogEntry>;

export const apiMethods = {
  'api.status': { params: z.strictObject({}), result: ApiStatus },
  /** The key is in the result once, now; only its hash is kept. */
  'api.keys.create': { params: z.strictObject({ name: ApiKeyName }), result: ApiKey.extend({ key: z.string() }) },
  'api.keys.list': { params: z.strictObject({}), result: z.array(ApiKey) },
  /** By id or name. */
  'api.keys.revoke': { params: z.strictObject({ idOrName: z.string().min(1).max(100) }), result: z.object({ revoked: z.boolean() }) },
  /** Newest first. */
  'api.log': { params: z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() }), result: z.array(ApiLogEntry) },
} as const;

export const apiEvents = {
  /** The server started, stopped or failed to start; a request was logged (the panel refreshes its log). */
  'api.changed': z.object({ reason: z.enum(['status', 'keys', 'log']) }),
} as const;
