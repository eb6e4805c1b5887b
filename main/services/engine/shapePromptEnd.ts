import type { LlamaModel, Token } from 'node-llama-cpp';
import { promptEndOf, targetPromptEnd, type ThoughtProfile } from './thoughtMarkers.js';

// The end of a prompt that can hold the model's turn opening and a thought block.
const TAIL_TOKENS = 24;

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
  const rendered = promptEndOf(sw, model.detokenize(tail, true));
  const target = targetPromptEnd(profile, mode, rendered);
  if (target === rendered) return { tokens, thoughtOpen: rendered === 'open' };
  let keep = tokens.length;
  if (rendered !== 'none') {
    const block = rendered === 'open' ? sw.openAtEnd : sw.emptyAtEnd;
    // The fewest tail tokens whose text is the block alone.
    for (let n = 1; n <= tail.length; n++) {
      if (block.exec(model.detokenize(tail.slice(-n), true))?.index === 0) {
        keep = tokens.length - n;
        break;
      }
    }
    if (keep === tokens.length) return { tokens, thoughtOpen: rendered === 'open' };
  }
  const ending = target === 'open' ? sw.open : target === 'empty' ? sw.empty : '';
  return { tokens: [...tokens.slice(0, keep), ...(ending ? model.tokenize(ending, true) : [])], thoughtOpen: target === 'open' };
}
