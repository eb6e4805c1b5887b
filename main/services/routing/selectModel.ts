import type { ModelRecord, Profile } from '../../contract/index.js';
import type { Tier } from './complexityTier.js';

/** Only chat models write replies: embedding models and rerankers (read from the file, see modelRole) are never offered. */
export function canChat(model: ModelRecord): boolean {
  return model.role === 'chat';
}

/**
 * Installed model ids for one entry of a profile's list: the entry itself when
 * it is an installed id, else the installed files of that catalog entry. Model
 * ids are file stems ("qwen2.5-7b-instruct-q4_k_m"), so a catalog id
 * ("qwen2.5-7b-instruct") is their prefix; `catalogInstalled` (the model
 * library's own record of what it downloaded) is asked first when given.
 */
export function installedFor(entry: string, installed: readonly ModelRecord[], catalogInstalled?: (catalogId: string) => readonly string[]): string[] {
  const key = entry.toLowerCase();
  const byId = new Map(installed.map((m) => [m.id, m]));
  if (byId.has(key)) return [key];
  const fromCatalog = (catalogInstalled?.(entry) ?? []).filter((id) => byId.has(id));
  if (fromCatalog.length > 0) return [...fromCatalog];
  return installed.filter((m) => m.id.startsWith(`${key}-`) || m.id.startsWith(`${key}.`)).map((m) => m.id);
}

export interface ModelCandidate {
  modelId: string;
  /** How it was found, for the decision's reasons and fallback text. */
  source: 'requested' | 'preferred' | 'other-tier' | 'chat' | 'default' | 'installed';
  /** The profile entry it stands for (catalog id), when it came from the profile. */
  entry?: string;
}

export interface SelectInput {
  profile: Pick<Profile, 'name' | 'models'>;
  tier: Tier;
  installed: readonly ModelRecord[];
  /** The model named in this very request (chat.send's modelId): it wins. */
  requested?: string | null;
  chatModelId?: string | null;
  defaultModelId?: string | null;
  catalogInstalled?: (catalogId: string) => readonly string[];
}

/**
 * Every model that could answer, best first: the one asked for, the profile's
 * preferred models for the tier, those of the other tier, the chat's and the
 * default model, then any installed model that can chat and is not marked
 * broken. The chat service walks this list when a model fails to load, so
 * routing never fails a message.
 */
export function modelCandidates(input: SelectInput): ModelCandidate[] {
  // A model whose load crashed the engine is not offered, even when asked for
  // by name: offering it again would crash again (models.verify clears the mark).
  const usable = input.installed.filter((m) => canChat(m) && !m.broken);
  const seen = new Set<string>();
  const out: ModelCandidate[] = [];
  const push = (modelId: string, source: ModelCandidate['source'], entry?: string) => {
    if (seen.has(modelId)) return;
    seen.add(modelId);
    out.push({ modelId, source, entry });
  };
  const isUsable = (id: string | null | undefined): id is string => !!id && usable.some((m) => m.id === id);
  if (isUsable(input.requested)) push(input.requested, 'requested');
  const other: Tier = input.tier === 'fast' ? 'standard' : 'fast';
  for (const entry of input.profile.models[input.tier]) for (const id of installedFor(entry, usable, input.catalogInstalled)) push(id, 'preferred', entry);
  for (const entry of input.profile.models[other]) for (const id of installedFor(entry, usable, input.catalogInstalled)) push(id, 'other-tier', entry);
  if (isUsable(input.chatModelId)) push(input.chatModelId, 'chat');
  if (isUsable(input.defaultModelId)) push(input.defaultModelId, 'default');
  const rest = [...usable].sort((a, b) => Number(b.hasChatTemplate) - Number(a.hasChatTemplate) || (b.parameters ?? 0) - (a.parameters ?? 0));
  for (const m of rest) push(m.id, 'installed');
  return out;
}

/** What the user is told when the answering model is not the profile's first choice; null when it is. */
export function describeFallback(
  profile: Pick<Profile, 'name' | 'models'>,
  tier: Tier,
  chosen: ModelCandidate | undefined,
  failed: ReadonlyArray<{ modelId: string; reason: string }> = [],
): string | null {
  const failedText = failed.map((f) => `${f.modelId} could not be loaded (${f.reason})`).join('; ');
  if (!chosen) return failedText ? `${failedText}; no other model is installed.` : 'No model is installed: add one on the Models page.';
  if (chosen.source === 'requested') return failedText ? `${failedText}; answered with ${chosen.modelId}.` : null;
  const other: Tier = tier === 'fast' ? 'standard' : 'fast';
  const first = profile.models[tier][0] ?? profile.models[other][0];
  // A short message with no fast model installed simply uses the standard one: by design, not a fallback.
  const asDesigned =
    (chosen.source === 'preferred' && chosen.entry === profile.models[tier][0]) ||
    (chosen.source === 'other-tier' && tier === 'fast' && chosen.entry === profile.models.standard[0]);
  if (asDesigned && !failedText) return null;
  if (failedText) return `${failedText}; answered with ${chosen.modelId}.`;
  if (chosen.source === 'preferred' || chosen.source === 'other-tier') {
    return `${first} (${profile.name}'s first choice) is not installed; answered with ${chosen.modelId}, next in its list.`;
  }
  const all = [...profile.models[tier], ...profile.models[other]].filter((id, i, list) => list.indexOf(id) === i);
  const named = all.length === 0 ? `${profile.name} names no preferred model` : `none of ${profile.name}'s preferred models (${all.slice(0, 3).join(', ')}${all.length > 3 ? ', …' : ''}) is installed`;
  return `${named.replace(/^./, (c) => c.toUpperCase())}; answered with ${chosen.modelId}. Download one on the Models page for answers tuned to this domain.`;
}
