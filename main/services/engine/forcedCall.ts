import type { ChatHistoryItem, ChatModelFunctions, ChatWrapper, LLamaChatGenerateResponseOptions, LlamaChat, LlamaGrammar, LlamaText as LlamaTextType } from 'node-llama-cpp';
import type { ApiToolCall } from './completeOps.js';

type LlamaModule = typeof import('node-llama-cpp');

export interface ForcedCallSteps {
  /** The chat wrapper whose prompt ends inside the call: the wrapper's call prefix, then `tail`. */
  wrapper: ChatWrapper;
  setTail(tail: LlamaTextType | string): void;
}

/**
 * The model's chat wrapper with the functions documented as usual, except
 * that the model's answer is already inside a function call: the prompt ends
 * with the wrapper's call prefix and whatever the current step put after it
 * (the chosen name, then the params prefix). The model can only continue the
 * call, under the grammar of each step.
 */
export function forcedCallWrapper(module: LlamaModule, inner: ChatWrapper, functions: ChatModelFunctions): ForcedCallSteps {
  const { LlamaText } = module;
  let tail: LlamaTextType | string = '';
  const wrapper = Object.create(inner) as ChatWrapper;
  wrapper.generateContextState = (options) => {
    const state = inner.generateContextState({ ...options, availableFunctions: functions, documentFunctionParams: true });
    return {
      contextText: LlamaText([state.contextText, inner.settings.functions.call.prefix, tail]),
      stopGenerationTriggers: state.stopGenerationTriggers,
      ignoreStartText: state.ignoreStartText,
    };
  };
  return { wrapper, setTail: (next) => (tail = next) };
}

export interface ForcedCallOptions {
  chat: LlamaChat;
  history: ChatHistoryItem[];
  steps: ForcedCallSteps;
  functions: ChatModelFunctions;
  /** The tightened JSON-schema grammar for a function's arguments (see tightenJsonGrammar). */
  paramsGrammar(name: string): Promise<LlamaGrammar | null>;
  nameGrammar(names: readonly string[]): Promise<LlamaGrammar>;
  /** Sampling and abort options for LlamaChat.generateResponse (its text callbacks are set per step here). */
  generate: Pick<LLamaChatGenerateResponseOptions, 'signal' | 'stopOnAbortSignal' | 'maxTokens' | 'temperature' | 'topK' | 'topP' | 'minP' | 'seed' | 'repeatPenalty' | 'customStopTriggers' | 'onToken'>;
  id: string;
  onDelta(delta: { name: string; argumentsDelta: string }): void;
}

/**
 * A call the request requires ('required', or {name}): the name is chosen
 * under a grammar of the offered names (skipped when there is one), then the
 * arguments are generated under the function's JSON-schema grammar, the same
 * tightened grammar as response_format, so they parse against its parameters.
 * Returns null when the arguments did not finish (max tokens or abort).
 */
export async function generateForcedCall(module: LlamaModule, o: ForcedCallOptions): Promise<{ call: ApiToolCall | null; stopReason: string }> {
  const { LlamaText } = module;
  // The caller's text callback must not see the call's name or arguments as reply text, and stop strings are for
  // text: one inside the arguments would cut their JSON.
  const generate = { ...o.generate, onTextChunk: undefined, customStopTriggers: undefined };
  const names = Object.keys(o.functions);
  let name = names[0]!;
  if (names.length > 1) {
    o.steps.setTail('');
    const chosen = await o.chat.generateResponse(o.history, { ...generate, grammar: await o.nameGrammar(names) });
    if (!names.includes(chosen.response.trim())) return { call: null, stopReason: chosen.metadata.stopReason };
    name = chosen.response.trim();
  }
  const settings = o.steps.wrapper.settings.functions.call;
  const paramsPrefix = withName(LlamaText, settings.paramsPrefix, name);
  const grammar = await o.paramsGrammar(name);
  o.onDelta({ name, argumentsDelta: '' });
  if (!grammar) return { call: { id: o.id, name, arguments: '{}' }, stopReason: 'functionCalls' };
  o.steps.setTail(LlamaText([name, paramsPrefix]));
  const args = await o.chat.generateResponse(o.history, {
    ...generate,
    grammar,
    onTextChunk: (text) => {
      if (text) o.onDelta({ name, argumentsDelta: text });
    },
  });
  const text = args.response.trim();
  try {
    JSON.parse(text);
  } catch {
    return { call: null, stopReason: args.metadata.stopReason };
  }
  return { call: { id: o.id, name, arguments: text }, stopReason: 'functionCalls' };
}

/** The wrapper's params prefix with {{functionName}} filled in, as node-llama-cpp renders a call. */
function withName(LlamaText: LlamaModule['LlamaText'], prefix: string | LlamaTextType, name: string): LlamaTextType {
  const json = JSON.stringify(LlamaText(prefix).toJSON()).replaceAll('{{functionName}}', name);
  return LlamaText.fromJSON(JSON.parse(json) as Parameters<LlamaModule['LlamaText']['fromJSON']>[0]);
}
