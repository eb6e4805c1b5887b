import { z } from 'zod';
import { DEFAULT_SETTINGS, Settings } from '../../contract/entities.js';
import { HearthError } from '../../contract/errors.js';
import { parseJson } from './rowToEntity.js';

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Keeps every stored value the schema accepts and the default for the rest,
 * field by field: a setting written by an older or newer build, or edited by
 * hand, costs that one setting, never the start-up.
 */
function salvage(schema: z.ZodType, stored: unknown, fallback: unknown): unknown {
  if (schema instanceof z.ZodObject && isPlainObject(fallback)) {
    const source = isPlainObject(stored) ? stored : {};
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, key in source ? salvage(field, source[key], fallback[key]) : fallback[key]]));
  }
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : fallback;
}

/** Settings from the stored rows (one per top-level key, JSON values), over the defaults. */
export function settingsFromRows(rows: ReadonlyArray<{ key: string; value_json: string }>): Settings {
  const stored = Object.fromEntries(rows.map((r) => [r.key, parseJson(r.value_json)]));
  return Settings.parse(salvage(Settings, stored, DEFAULT_SETTINGS));
}

function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) out[key] = mergeDeep(base[key], value);
  return out;
}

/** The current settings with the patch applied; throws INVALID_PARAMS naming the first bad field. */
export function mergeSettings(current: Settings, patch: DeepPartial<Settings>): Settings {
  const merged = Settings.safeParse(mergeDeep(current, patch));
  if (merged.success) return merged.data;
  const issue = merged.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'settings';
  throw new HearthError('INVALID_PARAMS', `Setting ${where} was not changed: ${issue?.message ?? 'invalid value'}.`);
}
