import type { Profile } from '../../../../main/contract/index.js';
import { t } from '../../i18n/i18n.js';
// The very schema main validates profiles.create with: the form's rules are not written twice.
import { routingMethods } from '../../../../main/contract/routing.js';
import type { ProfileInput, ProfilePatch } from '../../store/routingSlice.js';
import { fromDraft as samplingFromDraft, toDraft as samplingToDraft, type SamplingDraft } from '../chat/samplingForm.js';

/** The profile as the editor holds it: text fields as typed, examples one per line. */
export interface ProfileDraft {
  id: string;
  name: string;
  description: string;
  systemPrompt: string;
  sampling: SamplingDraft;
  fast: string[];
  standard: string[];
  color: string;
  icon: string;
  enabled: boolean;
  examples: string;
}

export type ProfileField = keyof Omit<ProfileDraft, 'fast' | 'standard'> | 'models';
export type FieldErrors = Partial<Record<ProfileField, string>>;

const FIELDS: readonly ProfileField[] = ['id', 'name', 'description', 'systemPrompt', 'sampling', 'models', 'color', 'icon', 'enabled', 'examples'];

/** What each field needs, in words (routing.fieldHelp.*), shown beside the field the schema rejected. */
const fieldHelp = (field: ProfileField): string => t(`routing.fieldHelp.${field}`);

export const NEW_PROFILE: Profile = {
  id: '',
  name: '',
  description: '',
  systemPrompt: '',
  sampling: {},
  models: { fast: [], standard: [] },
  color: '#7c5cbf',
  icon: '★',
  enabled: true,
  builtIn: false,
  modified: false,
  examples: [],
};

export function toProfileDraft(profile: Profile): ProfileDraft {
  return {
    id: profile.id,
    name: profile.name,
    description: profile.description,
    systemPrompt: profile.systemPrompt,
    sampling: samplingToDraft(profile.sampling),
    fast: [...profile.models.fast],
    standard: [...profile.models.standard],
    color: profile.color,
    icon: profile.icon,
    enabled: profile.enabled,
    examples: profile.examples.join('\n'),
  };
}

/** An id from a name: "Legal & Tax" becomes "legal-tax". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

type Checked = { input: ProfileInput; errors: null } | { input: null; errors: FieldErrors };

/**
 * Checks the draft with the contract's own schema and the rules only the
 * editor knows (ids are unique; a custom profile needs example phrases, or
 * Auto could never pick it). Errors come back per field.
 */
export function checkProfileDraft(draft: ProfileDraft, options: { creating: boolean; takenIds: readonly string[]; custom: boolean }): Checked {
  const errors: FieldErrors = {};
  const sampling = samplingFromDraft(draft.sampling);
  if ('error' in sampling) errors.sampling = sampling.error;
  const examples = draft.examples
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const input: ProfileInput = {
    id: draft.id.trim(),
    name: draft.name.trim(),
    description: draft.description.trim(),
    systemPrompt: draft.systemPrompt,
    sampling: 'error' in sampling ? {} : sampling.sampling,
    models: { fast: draft.fast, standard: draft.standard },
    color: draft.color,
    icon: draft.icon.trim(),
    enabled: draft.enabled,
    examples,
  };
  const parsed = routingMethods['profiles.create'].params.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0] ?? '');
      const field: ProfileField | null = FIELDS.includes(top as ProfileField) ? (top as ProfileField) : null;
      if (field && !errors[field]) errors[field] = fieldHelp(field);
    }
  }
  if (input.systemPrompt.trim() === '' && !errors.systemPrompt) errors.systemPrompt = fieldHelp('systemPrompt');
  if (options.creating && !errors.id && options.takenIds.includes(input.id)) errors.id = t('routing.fieldHelp.idTaken', { id: input.id });
  if (options.custom && examples.length === 0 && !errors.examples) {
    errors.examples = t('routing.fieldHelp.examplesNeeded');
  }
  return Object.keys(errors).length > 0 ? { input: null, errors } : { input, errors: null };
}

/** JSON with object keys sorted: two samplings typed in a different order are the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Only what changed, so saving an untouched field does not mark a built-in as modified. */
export function profilePatch(original: Profile, input: ProfileInput): ProfilePatch {
  const patch: ProfilePatch = {};
  const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
  if (input.name !== original.name) patch.name = input.name;
  if (input.description !== original.description) patch.description = input.description;
  if (input.systemPrompt !== original.systemPrompt) patch.systemPrompt = input.systemPrompt;
  if (!same(input.sampling, original.sampling)) patch.sampling = input.sampling;
  if (!same(input.models, original.models)) patch.models = input.models;
  if (input.color !== original.color) patch.color = input.color;
  if (input.icon !== original.icon) patch.icon = input.icon;
  if (input.enabled !== original.enabled) patch.enabled = input.enabled;
  if (!original.builtIn && !same(input.examples, original.examples)) patch.examples = input.examples;
  return patch;
}
