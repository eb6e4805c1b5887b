import { z } from 'zod';
import { Id, ProfileId, RoutingDecision, Sampling } from './entities.js';

/**
 * Domain routing's part of the contract: profiles, the routing decision stored
 * with each reply, statistics. Spread into `methods` and `events`.
 */

export const Profile = z.object({
  id: ProfileId,
  name: z.string().min(1).max(60),
  description: z.string().max(500),
  systemPrompt: z.string().min(1).max(20_000),
  sampling: Sampling,
  /** Catalog ids or installed model ids, best first, per tier. */
  models: z.object({ fast: z.array(z.string().max(128)).max(16), standard: z.array(z.string().max(128)).max(16) }),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** An emoji or a short symbol name shown in the chip. */
  icon: z.string().min(1).max(16),
  enabled: z.boolean(),
  /** Shipped with Hearth (can be reset, not deleted) or added by the user. */
  builtIn: z.boolean(),
  /** True when a built-in profile was edited by the user. */
  modified: z.boolean(),
  /** Phrases the lexical router learns from: shipped ones for built-ins, the user's for custom profiles. */
  examples: z.array(z.string().min(1).max(1000)).max(2000),
});
export type Profile = z.infer<typeof Profile>;

const ProfileInput = Profile.pick({ name: true, description: true, systemPrompt: true, sampling: true, models: true, color: true, icon: true, enabled: true, examples: true });

export const routingMethods = {
  'profiles.list': { params: z.strictObject({}), result: z.array(Profile) },
  'profiles.create': { params: z.strictObject({ id: ProfileId, ...ProfileInput.shape }), result: Profile },
  'profiles.update': { params: z.strictObject({ id: ProfileId, patch: ProfileInput.partial().strict() }), result: Profile },
  /** Built-in: back to the shipped version. */
  'profiles.reset': { params: z.strictObject({ id: ProfileId }), result: Profile },
  /** Custom profiles only; built-ins are disabled instead. */
  'profiles.delete': { params: z.strictObject({ id: ProfileId }), result: z.object({ deleted: z.boolean() }) },

  /** What Auto mode would decide for this text (in this chat's context, when given); nothing is stored. */
  'routing.route': { params: z.strictObject({ text: z.string().min(1).max(200_000), chatId: Id.optional() }), result: RoutingDecision },
  'routing.stats': {
    params: z.strictObject({}),
    result: z.object({
      total: z.number().int().nonnegative(),
      perDomain: z.record(z.string(), z.number().int().nonnegative()),
      overrides: z.number().int().nonnegative(),
      fallbacks: z.number().int().nonnegative(),
      averageConfidence: z.number().min(0).max(1).nullable(),
    }),
  },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export const routingEvents = {
  'profiles.changed': z.object({ profileId: ProfileId.nullable() }),
} as const satisfies Record<string, z.ZodType>;
