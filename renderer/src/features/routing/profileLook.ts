import type { Profile, RoutingDecision } from '../../../../main/contract/index.js';
import { formatNumber } from '../../lib/format.js';
import { t } from '../../i18n/i18n.js';

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

// Labels are looked up when shown, so they follow a language switch; a value
// main adds later shows as itself until the catalogues name it.
export const modeLabel = (mode: RoutingDecision['mode']): string => t(`routing.mode.${mode}`, { defaultValue: mode });
export const methodLabel = (method: RoutingDecision['method']): string => t(`routing.method.${method}`, { defaultValue: method });
export const tierLabel = (tier: RoutingDecision['tier']): string => t(`routing.tier.${tier}`, { defaultValue: tier });

/** The chip's short text after the name: the confidence when the router chose, else how it was chosen. */
export function chipDetail(routing: RoutingDecision): string {
  if (routing.mode === 'pinned') return t('routing.chip.pinned');
  if (routing.mode === 'override') return t('routing.chip.rerouted');
  return formatNumber(routing.confidence, 2);
}
