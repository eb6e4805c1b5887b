import type { Sampling } from '../../../../main/contract/index.js';

/** The sampling fields as the form edits them: strings, '' meaning "engine default". */
export type SamplingDraft = Record<Exclude<keyof Sampling, 'stop'>, string> & { stop: string };

export const SAMPLING_FIELDS: Array<{ key: Exclude<keyof Sampling, 'stop'>; label: string; min: number; max: number; step: number; int?: boolean; hint: string }> = [
  { key: 'temperature', label: 'Temperature', min: 0, max: 5, step: 0.05, hint: 'Higher is more varied; 0 always picks the likeliest word.' },
  { key: 'topP', label: 'Top-p', min: 0, max: 1, step: 0.01, hint: 'Sample from the smallest set of words whose probability adds up to this.' },
  { key: 'topK', label: 'Top-k', min: 0, max: 10_000, step: 1, int: true, hint: 'Sample from the k likeliest words; 0 turns it off.' },
  { key: 'minP', label: 'Min-p', min: 0, max: 1, step: 0.01, hint: 'Drop words less likely than this fraction of the likeliest.' },
  { key: 'repeatPenalty', label: 'Repeat penalty', min: 0.5, max: 3, step: 0.05, hint: 'Above 1 discourages repeating recent words.' },
  { key: 'seed', label: 'Seed', min: 0, max: 2 ** 32 - 1, step: 1, int: true, hint: 'The same seed and settings give the same reply.' },
  { key: 'maxTokens', label: 'Max tokens', min: 1, max: 1_000_000, step: 1, int: true, hint: 'The longest a reply may be.' },
];

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
      return { error: `${f.label} must be ${f.int ? 'a whole number' : 'a number'} from ${f.min} to ${f.max} (or empty for the default).` };
    }
    sampling[f.key] = value;
  }
  const stop = draft.stop.split('\n').filter((s) => s.length > 0);
  if (stop.length > 16) return { error: 'Use at most 16 stop strings.' };
  if (stop.some((s) => s.length > 200)) return { error: 'A stop string can be at most 200 characters long.' };
  if (stop.length > 0) sampling.stop = stop;
  return { sampling };
}
