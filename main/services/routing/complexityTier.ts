import { SIGNALS } from './textFeatures.js';

export type Tier = 'fast' | 'standard';

/** Asks that deserve the standard model however short they are: long-form writing, code, reasoning. */
const DEMANDING = /\b(write|rewrite|draft|create|compose|design|plan|explain|analy[sz]e|compare|contrast|evaluate|critique|review|summari[sz]e|translate|prove|derive|calculate|debug|implement|refactor|optimi[sz]e|step[- ]by[- ]step|in detail|detailed|pros and cons|essay|story|poem|report|strategy|code|script|function)\b/i;
const CODE_SIGNALS = new Set(['call', 'brace', 'operator', 'assign', 'backtick', 'snake', 'camel', 'tag', 'semicolon-line']);

export const FAST_MAX_WORDS = 24;

/**
 * Short and simple goes to the fast tier: one question of a couple of dozen
 * words at most, no code, nothing that asks for long-form writing or
 * reasoning. Everything else is standard.
 */
export function complexityTier(text: string): { tier: Tier; reason: string } {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  if (words > FAST_MAX_WORDS) return { tier: 'standard', reason: `${words} words: standard model` };
  if (text.trim().split('\n').filter((l) => l.trim()).length > 2) return { tier: 'standard', reason: 'several lines: standard model' };
  if ((text.match(/\?/g) ?? []).length > 1) return { tier: 'standard', reason: 'several questions: standard model' };
  for (const [name, pattern] of SIGNALS) if (CODE_SIGNALS.has(name) && pattern.test(text)) return { tier: 'standard', reason: 'contains code: standard model' };
  const demanding = DEMANDING.exec(text);
  if (demanding) return { tier: 'standard', reason: `"${demanding[0].toLowerCase()}" asks for more than a quick answer: standard model` };
  return { tier: 'fast', reason: `short and simple (${words} words): fast model` };
}
