import type { LlamaModel, Token } from 'node-llama-cpp';
import { promptEndOf, targetPromptEnd, type PromptEnd, type ThinkingSwitch, type ThoughtProfile } from './thoughtMarkers.js';

// The end of a prompt that can hold the model's turn opening and a thought block.
const TAIL_TOKENS = 24;

export interface PromptEndChange {
  from: PromptEnd;
  to: PromptEnd;
}

/** How a prompt that ends in `tail` must change for a thinking mode; null when it stays as rendered. */
export function promptEndChange(profile: ThoughtProfile | null, mode: 'auto' | 'on' | 'off', tail: string): PromptEndChange | null {
  const sw = profile?.switch;
  if (!sw) return null;
  const from = promptEndOf(sw, tail);
  const to = targetPromptEnd(profile, mode, from);
  return from === to ? null : { from, to };
}

/** The text a prompt ends with for a prompt end, after its own thought block (if any) is cut. */
export function endingText(sw: ThinkingSwitch, end: PromptEnd): string {
  return end === 'open' ? sw.open : end === 'empty' ? sw.empty : '';
}

/** The pattern of the thought block a prompt ends with, to cut it; null for none. */
export function endingBlock(sw: ThinkingSwitch, end: PromptEnd): RegExp | null {
  return end === 'open' ? sw.openAtEnd : end === 'empty' ? sw.emptyAtEnd : null;
}

/**
 * Applies a thinking mode to a rendered prompt's tokens: the end of the
 * prompt is read (detokenized with special tokens), its thought block, if
 * any, is cut at a token boundary and the mode's ending is tokenized in its
 * place. Returns whether the prompt leaves a thought open, so the reply
 * starts in it.
 */
export function shapePromptEnd(model: LlamaModel, profile: ThoughtProfile | null, mode: 'auto' | 'on' | 'off', tokens: Token[]): { tokens: Token[]; thoughtOpen: boolean } {
  const sw = profile?.switch;
  if (!sw) return { tokens, thoughtOpen: profile?.openedByPrompt ?? false };
  const tail = tokens.slice(-TAIL_TOKENS);
  const tailText = model.detokenize(tail, true);
  const change = promptEndChange(profile, mode, tailText);
  if (!change) return { tokens, thoughtOpen: promptEndOf(sw, tailText) === 'open' };
  let keep = tokens.length;
  const block = endingBlock(sw, change.from);
  if (block) {
    // The fewest tail tokens whose text is the block alone.
    for (let n = 1; n <= tail.length; n++) {
      if (block.exec(model.detokenize(tail.slice(-n), true))?.index === 0) {
        keep = tokens.length - n;
        break;
      }
    }
    if (keep === tokens.length) return { tokens, thoughtOpen: change.from === 'open' };
  }
  const ending = endingText(sw, change.to);
  return { tokens: [...tokens.slice(0, keep), ...(ending ? model.tokenize(ending, true) : [])], thoughtOpen: change.to === 'open' };
}
