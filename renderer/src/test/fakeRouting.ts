import type { Profile, RoutingDecision, RoutingMode } from '../../../main/contract/index.js';
import { HearthError } from '../../../main/contract/index.js';
import type { FakeBackend } from './fakeBackend.js';
import { PROFILES } from './fixtures.js';

/**
 * Domain routing for the fake backend, shaped like main's: profiles that can
 * be edited, reset and deleted under the same rules, a toy router (a profile
 * scores by how many of its example words the text has), statistics counted
 * from the stored replies, and chat.reroute regenerating a reply.
 */
export interface FakeRouting {
  profiles: Profile[];
  decide(text: string, mode: RoutingMode): RoutingDecision;
}

const THRESHOLD = 0.4;

export function installFakeRouting(backend: FakeBackend, initial: Profile[] = PROFILES): FakeRouting {
  const { client } = backend;
  const shipped = new Map(initial.map((p) => [p.id, structuredClone(p)]));
  const routing: FakeRouting = { profiles: initial.map((p) => structuredClone(p)), decide };
  const find = (id: string) => {
    const profile = routing.profiles.find((p) => p.id === id);
    if (!profile) throw new HearthError('NOT_FOUND', `There is no profile ${id}.`);
    return profile;
  };
  const replace = (next: Profile) => {
    routing.profiles = routing.profiles.map((p) => (p.id === next.id ? next : p));
    client.emit('profiles.changed', { profileId: next.id });
    return next;
  };

  function decide(text: string, mode: RoutingMode): RoutingDecision {
    const enabled = routing.profiles.filter((p) => p.enabled);
    const words = new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);
    const raw = enabled.map((p) => [p.id, 0.1 + p.examples.join(' ').toLowerCase().split(/\W+/).filter((w) => words.has(w)).length] as const);
    const total = raw.reduce((sum, [, v]) => sum + v, 0);
    const scores = Object.fromEntries(raw.map(([id, v]) => [id, v / total]));
    const [best, confidence] = Object.entries(scores).sort((a, b) => b[1] - a[1])[0] ?? ['general', 0];
    const chosen = mode !== 'auto' ? mode : confidence >= THRESHOLD ? best : 'general';
    const profile = find(chosen);
    return {
      domain: chosen,
      confidence,
      scores,
      reasons: mode === 'auto' ? [confidence >= THRESHOLD ? `words that weighed most for ${best}` : `below the ${THRESHOLD} threshold: general`] : [`${mode === chosen ? 'pinned' : 'override'} to ${chosen}`],
      tier: 'standard',
      modelId: profile.models.standard[0] ?? 'tiny',
      fallback: null,
      mode: mode === 'auto' ? 'auto' : 'pinned',
      systemPrompt: profile.systemPrompt,
      method: mode === 'auto' ? 'lexical' : 'pinned',
    };
  }

  backend.route = (chatId, text) => decide(text, backend.chats.get(chatId)?.routingMode ?? 'auto');

  client.handle('profiles.list', () => routing.profiles.map((p) => structuredClone(p)));
  client.handle('profiles.create', (input) => {
    if (routing.profiles.some((p) => p.id === input.id)) throw new HearthError('INVALID_PARAMS', `A profile with the id ${input.id} already exists.`);
    const profile: Profile = { ...input, builtIn: false, modified: false };
    routing.profiles.push(profile);
    client.emit('profiles.changed', { profileId: profile.id });
    return profile;
  });
  client.handle('profiles.update', ({ id, patch }) => {
    const profile = find(id);
    return replace({ ...profile, ...patch, modified: profile.builtIn });
  });
  client.handle('profiles.reset', ({ id }) => {
    const original = shipped.get(id);
    if (!original || !find(id).builtIn) throw new HearthError('INVALID_PARAMS', `${id} is not a built-in profile; there is nothing to reset it to.`);
    return replace(structuredClone(original));
  });
  client.handle('profiles.delete', ({ id }) => {
    if (find(id).builtIn) throw new HearthError('INVALID_PARAMS', `${id} is built in: disable it instead.`);
    routing.profiles = routing.profiles.filter((p) => p.id !== id);
    client.emit('profiles.changed', { profileId: id });
    return { deleted: true };
  });
  client.handle('routing.route', ({ text }) => decide(text, 'auto'));
  client.handle('routing.stats', () => {
    const decisions = [...backend.messages.values()].flat().flatMap((m) => (m.routing ? [m.routing] : []));
    const perDomain: Record<string, number> = {};
    for (const d of decisions) perDomain[d.domain] = (perDomain[d.domain] ?? 0) + 1;
    const auto = decisions.filter((d) => d.mode === 'auto');
    return {
      total: decisions.length,
      perDomain,
      overrides: decisions.filter((d) => d.mode === 'override').length,
      fallbacks: decisions.filter((d) => d.fallback !== null).length,
      averageConfidence: auto.length ? auto.reduce((sum, d) => sum + d.confidence, 0) / auto.length : null,
    };
  });
  backend.reroute = (text, profileId) => ({ ...decide(text, profileId), mode: 'override' as const, method: 'override' as const });
  return routing;
}
