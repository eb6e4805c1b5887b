import { z } from 'zod';
import { Profile } from '../../contract/index.js';
import shipped from '../../../models/profiles.json' with { type: 'json' };

/** The seven domains Hearth ships with; `general` is where uncertain messages go. */
export const BUILT_IN_IDS = ['general', 'healthcare', 'business', 'education', 'creative', 'leadership', 'coding'] as const;
export const GENERAL = 'general';

/** A shipped profile as written in models/profiles.json: everything but the per-user state and the examples. */
export const ShippedProfile = Profile.pick({ id: true, name: true, description: true, systemPrompt: true, sampling: true, models: true, color: true, icon: true }).strict();
export type ShippedProfile = z.infer<typeof ShippedProfile>;

export const ProfilesFile = z
  .strictObject({ version: z.literal(1), profiles: z.array(ShippedProfile).min(1) })
  .superRefine((file, ctx) => {
    const ids = file.profiles.map((p) => p.id);
    for (const id of BUILT_IN_IDS) if (!ids.includes(id)) ctx.addIssue({ code: 'custom', message: `profile "${id}" is missing`, path: ['profiles'] });
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate) ctx.addIssue({ code: 'custom', message: `profile "${duplicate}" appears twice`, path: ['profiles'] });
  });

/**
 * Validates a profiles file; a broken one is a build error, so this throws
 * with the path of the first problem rather than limping on.
 */
export function parseProfilesFile(data: unknown, source = 'models/profiles.json'): ShippedProfile[] {
  const parsed = ProfilesFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source} is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data.profiles;
}

let cached: ShippedProfile[] | undefined;

/** The profiles shipped in models/profiles.json, validated once. */
export function builtInProfiles(): ShippedProfile[] {
  cached ??= parseProfilesFile(shipped);
  return cached;
}
