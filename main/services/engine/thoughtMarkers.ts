import { createRequire } from 'node:module';
import type { ChatWrapper, LlamaModel, LlamaText, Token } from 'node-llama-cpp';
import type { SegmentMarkers } from './segmentStream.js';

/**
 * What the engine needs to know of a family's thinking, read from the chat
 * wrapper node-llama-cpp resolved for the model (its `settings.segments`:
 * the thought prefix and suffix it declares, gpt-oss's Harmony channels) and
 * computed once per wrapper.
 */
export interface ThoughtProfile {
  markers: SegmentMarkers;
  /** What is evaluated to close a thought when its budget runs out, so an answer still comes. */
  closeText: string;
  /** Tokens that are a whole close marker: the model closing its thought itself needs no forced close. */
  closeTokens: ReadonlySet<Token>;
  /** Marker tokens llama.cpp counts as end of generation (Harmony's <|end|> can be): the loop reads past them. */
  eogMarkers: ReadonlySet<Token>;
  /** Marker tokens that detokenize to nothing without special tokens: their text, for the segmenter. */
  specialText: ReadonlyMap<Token, string>;
  /** The thinking switch, as the end of the prompt; null where the family has none (gpt-oss always reasons). */
  switch: ThinkingSwitch | null;
  /** The wrapper always opens the thought in the prompt (node-llama-cpp's "openedOnStart"). */
  openedByPrompt: boolean;
}

export interface ThinkingSwitch {
  /** Opens a thought at the end of the prompt (`<think>\n`). */
  open: string;
  /** An empty, closed thought (`<think>\n\n</think>\n\n`): the template's way of turning thinking off. */
  empty: string;
  openAtEnd: RegExp;
  emptyAtEnd: RegExp;
  /** How the model's own template ends a prompt by default (see templateDefault); null: as the wrapper renders. */
  templateDefault: PromptEnd | null;
}

/** How a prompt leaves the model's turn: thought opened, an empty thought (thinking off), or neither (the model chooses). */
export type PromptEnd = 'open' | 'empty' | 'none';

const HARMONY = { channel: '<|channel|>', message: '<|message|>', start: '<|start|>', final: '<|start|>assistant<|channel|>final<|message|>' };

const profiles = new WeakMap<ChatWrapper, ThoughtProfile | null>();

/** The family's thinking, or null when the wrapper declares no thought segment (everything is answer). */
export function thoughtProfile(model: LlamaModel, wrapper: ChatWrapper): ThoughtProfile | null {
  if (profiles.has(wrapper)) return profiles.get(wrapper)!;
  const profile = buildProfile(model, wrapper);
  profiles.set(wrapper, profile);
  return profile;
}

function buildProfile(model: LlamaModel, wrapper: ChatWrapper): ThoughtProfile | null {
  const segments = wrapper.settings.segments;
  const thought = segments?.thought;
  if (!thought) return null;
  const prefix = isText(thought.prefix) ? textOf(thought.prefix, model) : null;
  const suffix = thought.suffix != null ? textOf(thought.suffix, model) : null;
  if (!suffix?.trim()) return null;
  if (prefix?.startsWith(HARMONY.channel) && prefix.endsWith(HARMONY.message)) {
    // Harmony: every message names its channel in a header; analysis and commentary are not the answer.
    const markers: SegmentMarkers = {
      open: [],
      close: [suffix],
      headers: { starts: [HARMONY.start, HARMONY.channel], end: HARMONY.message, channel: HARMONY.channel, thoughtChannels: ['analysis', 'commentary'] },
    };
    return withTokens(model, markers, { closeText: suffix + HARMONY.final, switch: null, openedByPrompt: false });
  }
  const close = [suffix.trim()];
  const closeAll = segments?.closeAllSegments != null ? textOf(segments.closeAllSegments, model).trim() : '';
  if (closeAll) close.push(closeAll);
  // A thought the prompt always opens ("openedOnStart") has no prefix to find in the reply.
  const open = prefix?.trim() ? [prefix.trim()] : [];
  // Where prefix and suffix carry no whitespace of their own (R1's <think></think>), a blank line separates them and the answer.
  const gap = /\s$/.test(prefix ?? '') || /^\s/.test(suffix) ? '' : '\n\n';
  const closeText = suffix + gap;
  let thinkingSwitch: ThinkingSwitch | null = null;
  if (prefix?.trim()) {
    thinkingSwitch = {
      open: /\s$/.test(prefix) ? prefix : `${prefix}\n`,
      empty: prefix + gap + suffix + gap,
      openAtEnd: new RegExp(`${escape(prefix.trim())}\\s*$`),
      emptyAtEnd: new RegExp(`${escape(prefix.trim())}\\s*${escape(suffix.trim())}\\s*$`),
      templateDefault: null,
    };
    readTemplateEnds(wrapper, model, thinkingSwitch);
  }
  const openedByPrompt = !isText(thought.prefix) && thought.prefix?.type === 'openedOnStart';
  return withTokens(model, { open, close }, { closeText, switch: thinkingSwitch, openedByPrompt });
}

function withTokens(model: LlamaModel, markers: SegmentMarkers, rest: Pick<ThoughtProfile, 'closeText' | 'switch' | 'openedByPrompt'>): ThoughtProfile {
  const closeTokens = new Set<Token>();
  const eogMarkers = new Set<Token>();
  const specialText = new Map<Token, string>();
  const all = [...markers.open, ...markers.close, ...(markers.headers ? [...markers.headers.starts, markers.headers.end] : [])];
  for (const marker of all) {
    const tokens = model.tokenize(marker, true);
    if (tokens.length === 1 && markers.close.includes(marker)) closeTokens.add(tokens[0]!);
    for (const token of tokens) {
      if (model.isEogToken(token)) eogMarkers.add(token);
      if (model.detokenize([token], false) === '') {
        const text = model.detokenize([token], true);
        if (text) specialText.set(token, text);
      }
    }
  }
  return { markers, closeTokens, eogMarkers, specialText, ...rest };
}

/**
 * How the prompt ends for a thinking mode. 'auto' keeps the family's default
 * as its own template has it (Qwen3's template lets the model open its
 * thought, where node-llama-cpp's Jinja wrapper renders the last turn as an
 * answered one, with an empty thought, i.e. thinking off; R1's opens it).
 * 'on' opens the thought in the prompt, as R1's template does, so a hybrid
 * model thinks rather than may think; 'off' ends it with an empty thought, as
 * the template does with enable_thinking false (readTemplateEnds). A family
 * with no switch (gpt-oss always reasons) keeps the wrapper's ending.
 */
export function targetPromptEnd(profile: ThoughtProfile | null, mode: 'auto' | 'on' | 'off', rendered: PromptEnd): PromptEnd {
  const sw = profile?.switch;
  if (!sw) return rendered;
  if (mode === 'on') return 'open';
  if (mode === 'off') return 'empty';
  return sw.templateDefault ?? rendered;
}

export function promptEndOf(sw: ThinkingSwitch, tail: string): PromptEnd {
  if (sw.emptyAtEnd.test(tail)) return 'empty';
  if (sw.openAtEnd.test(tail)) return 'open';
  return 'none';
}

/**
 * Reads the model's own chat template (from its GGUF; a Jinja wrapper's
 * otherwise), rendered after a user message as llama.cpp renders it: with
 * enable_thinking true by default, false to switch thinking off. Its default
 * ending becomes 'auto' (R1's templates open the thought there, which
 * node-llama-cpp's DeepSeek wrapper leaves to the model and R1 distills,
 * trained on the opened prompt, often never write; Qwen3's let the model
 * open it), and its opened and empty thoughts are written as it writes them.
 */
function readTemplateEnds(wrapper: ChatWrapper, model: LlamaModel, sw: ThinkingSwitch): void {
  const own = model.fileInfo.metadata?.tokenizer?.chat_template;
  const template = typeof own === 'string' && own.trim() ? own : (wrapper as { template?: unknown }).template;
  if (typeof template !== 'string') return;
  const on = renderTail(template, model, true);
  if (on === null) return;
  sw.templateDefault = promptEndOf(sw, on);
  const open = sw.openAtEnd.exec(on);
  if (sw.templateDefault === 'open' && open) sw.open = open[0];
  const off = renderTail(template, model, false);
  const empty = off === null ? null : sw.emptyAtEnd.exec(off);
  if (empty) sw.empty = empty[0];
}

/** What the template writes after a lone user message, or null when it will not render one. */
function renderTail(template: string, model: LlamaModel, enableThinking: boolean): string | null {
  try {
    const marker = 'HEARTH_USER_MESSAGE_7f3a';
    const rendered = new (jinja().Template)(template).render({
      messages: [{ role: 'user', content: marker }],
      add_generation_prompt: true,
      enable_thinking: enableThinking,
      bos_token: model.tokens.bosString ?? '',
      eos_token: model.tokens.eosString ?? '',
    });
    const at = rendered.lastIndexOf(marker);
    return at === -1 ? null : rendered.slice(at + marker.length);
  } catch {
    // node-llama-cpp rendered it; if this plain render fails, the wrapper's rendering stands.
    return null;
  }
}

type JinjaModule = { Template: new (template: string) => { render(items: Record<string, unknown>): string } };
let jinjaModule: JinjaModule | null = null;
/** The Jinja engine node-llama-cpp renders with, found from node-llama-cpp so the versions match. */
function jinja(): JinjaModule {
  if (!jinjaModule) {
    const here = createRequire(import.meta.url);
    jinjaModule = createRequire(here.resolve('node-llama-cpp'))('@huggingface/jinja') as JinjaModule;
  }
  return jinjaModule;
}

function isText(value: unknown): value is string | LlamaText {
  return typeof value === 'string' || (typeof value === 'object' && value !== null && 'values' in value);
}

/** A wrapper's LlamaText as the model writes it: special tokens spelled out. */
export function textOf(text: string | LlamaText, model: LlamaModel): string {
  if (typeof text === 'string') return text;
  const special: Record<string, string | null | undefined> = { BOS: model.tokens.bosString, EOS: model.tokens.eosString, NL: model.tokens.nlString, EOT: model.tokens.eotString };
  return (text.toJSON() as Array<string | { type: string; value: string }>)
    .map((v) => (typeof v === 'string' ? v : v.type === 'specialToken' ? (special[v.value] ?? '') : v.value))
    .join('');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
