import type { Sampling } from '../../../../main/contract/index.js';
import { t } from '../../i18n/i18n.js';

/** The sampling fields as the form edits them: strings, '' meaning "engine default". */
export type SamplingDraft = Record<Exclude<keyof Sampling, 'stop'>, string> & { stop: string };

type SamplingKey = Exclude<keyof Sampling, 'stop'>;

/** Each field's name and hint are in the catalogues (sampling.<key>.label / .hint). */
export const SAMPLING_FIELDS: Array<{ key: SamplingKey; min: number; max: number; step: number; int?: boolean }> = [
  { key: 'temperature', min: 0, max: 5, step: 0.05 },
  { key: 'topP', min: 0, max: 1, step: 0.01 },
  { key: 'topK', min: 0, max: 10_000, step: 1, int: true },
  { key: 'minP', min: 0, max: 1, step: 0.01 },
  { key: 'repeatPenalty', min: 0.5, max: 3, step: 0.05 },
  { key: 'seed', min: 0, max: 2 ** 32 - 1, step: 1, int: true },
  { key: 'maxTokens', min: 1, max: 1_000_000, step: 1, int: true },
];

export const samplingLabel = (key: SamplingKey): string => t(`sampling.${key}.label`);
export const samplingHint = (key: SamplingKey): string => t(`sampling.${key}.hint`);

export function toDraft(sampling: Sampling): SamplingDraft {
  const draft = { stop: (sampling.stop ?? []).join('\n') } as SamplingDraft;
  for (const f of SAMPLING_FIELDS) draft[f.key] = sampling[f.key] === undefined ? '' : String(sampling[f.key]);
  return draft;
}

/** Parses the form; returns the sampling, or the first problem in words. */
export function fromDraft(draft: SamplingDraft): { sampling: Sampling } | { error: string } {
  const sampling: Sampling = {};
  for (const f of SAMPLING_FIELDS) {
    const raw = draft[f.key].trim();
    if (raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < f.min || value > f.max || (f.int && !Number.isInteger(value))) {
      return { error: t(f.int ? 'sampling.errors.wholeRange' : 'sampling.errors.range', { field: samplingLabel(f.key), min: f.min, max: f.max }) };
    }
    sampling[f.key] = value;
  }
  const stop = draft.stop.split('\n').filter((s) => s.length > 0);
  if (stop.length > 16) return { error: t('sampling.errors.stopCount') };
  if (stop.some((s) => s.length > 200)) return { error: t('sampling.errors.stopLength') };
  if (stop.length > 0) sampling.stop = stop;
  return { sampling };
}
