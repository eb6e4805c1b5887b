import type { Profile, RoutingDecision } from '../../../../main/contract/index.js';

export interface ProfileLook {
  name: string;
  color: string;
  icon: string;
}

const NEUTRAL = '#6b7280';

/** Where messages the router is unsure of go; main refuses to disable it. */
export const GENERAL = 'general';

/** How a domain shows (chip, bars): its profile's name, colour and icon; a deleted profile shows by its id. */
export function profileLook(profiles: readonly Profile[], domain: string): ProfileLook {
  const profile = profiles.find((p) => p.id === domain);
  if (profile) return { name: profile.name, color: profile.color, icon: profile.icon };
  return { name: domain.charAt(0).toUpperCase() + domain.slice(1), color: NEUTRAL, icon: '•' };
}

export const MODE_LABEL: Record<RoutingDecision['mode'], string> = {
  auto: 'Chosen by the router',
  pinned: 'This chat is pinned to this profile',
  override: 'You re-routed this reply',
};

export const METHOD_LABEL: Record<RoutingDecision['method'], string> = {
  lexical: 'Words (lexical classifier)',
  'lexical+embedding': 'Words and meaning (lexical + embedding)',
  context: 'Conversation context',
  pinned: 'Pinned profile',
  override: 'Your choice',
};

export const TIER_LABEL: Record<RoutingDecision['tier'], string> = {
  fast: 'Fast (short, simple message)',
  standard: 'Standard',
};

/** The chip's short text after the name: the confidence when the router chose, else how it was chosen. */
export function chipDetail(routing: RoutingDecision): string {
  if (routing.mode === 'pinned') return 'pinned';
  if (routing.mode === 'override') return 're-routed';
  return routing.confidence.toFixed(2);
}
