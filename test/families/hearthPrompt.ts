import { SpecialTokensText, type LlamaModel, type LlamaText, type Token } from 'node-llama-cpp';
import * as llamaModule from 'node-llama-cpp';
import { chatWrapperFor } from '../../main/services/engine/createEngineCore.js';
import { fitPrompt, TokenCounts } from '../../main/services/engine/fitPrompt.js';
import type { PromptTurn } from '../../main/services/engine/engineOps.js';
import { endingBlock, endingText, promptEndChange } from '../../main/services/engine/shapePromptEnd.js';
import { thinkingWrapper } from '../../main/services/engine/thinkingWrapper.js';
import { thoughtProfile } from '../../main/services/engine/thoughtMarkers.js';

/**
 * The engine's own path for a chat, in one place: the chat wrapper Hearth
 * picks for a model (chatWrapperFor), the prompt and stop triggers the
 * generate path renders (fitPrompt), and the wrapper's context text as a
 * string with special tokens spelled out, to compare with the template's.
 */
export const SYSTEM = 'You are Hearth, a helpful assistant.';
export const TURNS: PromptTurn[] = [
  { id: 'u1', role: 'user', content: 'Hi there, who are you?' },
  { id: 'a1', role: 'assistant', content: 'Hello! I am Hearth. How can I help?' },
  { id: 'u2', role: 'user', content: 'What is 2+2?' },
  { id: 'a2', role: 'assistant', content: 'It is 4.' },
];
export const LAST: PromptTurn = { id: 'u3', role: 'user', content: 'Thanks. And 3+3?' };

export function hearthWrapper(model: LlamaModel) {
  const warnings: string[] = [];
  const wrapper = chatWrapperFor(llamaModule, model, (m) => warnings.push(m));
  return { wrapper, warnings };
}

export interface HearthPrompt {
  /** What the generate path evaluates. */
  tokens: Token[];
  /** The generate path's stop triggers (single end-of-generation tokens are left to llama.cpp). */
  stopTriggers: { text: string[]; tokens: Token[][] };
  /** The wrapper's rendering as text, special tokens spelled out, its end shaped as the generate path shapes it for the thinking mode. */
  text: string;
  /** The wrapper's rendering as it is. */
  wrapperText: string;
  wrapperTriggers: readonly LlamaText[];
  contextText: LlamaText;
}

export function hearthPrompt(model: LlamaModel, wrapper: ReturnType<typeof hearthWrapper>['wrapper'], mode: 'auto' | 'on' | 'off' = 'auto'): HearthPrompt {
  const target = { modelId: 'family', model, chatWrapper: wrapper, contextSize: 4096, tokenCounts: new TokenCounts() };
  const fitted = fitPrompt(target, { system: SYSTEM, history: TURNS, olderOmitted: 0, message: LAST, thinking: { mode, budget: null } }, 3000, 1000);
  // The same chat as fitPrompt renders it, kept as text.
  const state = thinkingWrapper(model, wrapper, mode).generateContextState({
    chatHistory: [
      { type: 'system', text: SYSTEM },
      ...[...TURNS, LAST].map((t) => (t.role === 'assistant' ? { type: 'model' as const, response: [t.content] } : { type: 'user' as const, text: t.content })),
      { type: 'model', response: [] },
    ],
  });
  const wrapperText = llamaTextString(state.contextText, model);
  // The generate path's thinking mode (shapePromptEnd), on the text.
  const profile = thoughtProfile(model, wrapper);
  const change = promptEndChange(profile, mode, wrapperText);
  const block = change && endingBlock(profile!.switch!, change.from);
  const text = change ? (block ? wrapperText.replace(block, '') : wrapperText) + endingText(profile!.switch!, change.to) : wrapperText;
  return { tokens: fitted.tokens, stopTriggers: fitted.stopTriggers, text, wrapperText, wrapperTriggers: state.stopGenerationTriggers, contextText: state.contextText };
}

/** Special tokens written as their text, the way a Jinja template writes them. */
export function llamaTextString(text: LlamaText, model: LlamaModel): string {
  const special: Record<string, string | null | undefined> = { BOS: model.tokens.bosString, EOS: model.tokens.eosString, NL: model.tokens.nlString, EOT: model.tokens.eotString };
  return text.values
    .map((v) => {
      if (typeof v === 'string') return v;
      if (v instanceof SpecialTokensText) return v.value;
      const s = special[v.value];
      if (s == null) throw new Error(`The model has no ${v.value} token to spell out.`);
      return s;
    })
    .join('');
}

export function sameTokens(a: readonly Token[], b: readonly Token[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
