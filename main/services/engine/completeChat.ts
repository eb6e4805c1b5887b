import { randomBytes } from 'node:crypto';
import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelFunctions, ChatWrapper, Llama, LlamaGrammar } from 'node-llama-cpp';
import { HearthError, type Backend } from '../../contract/index.js';
import { tightenJsonGrammar } from './tightenJsonGrammar.js';
import { forcedCallWrapper, generateForcedCall } from './forcedCall.js';
import { toGbnfSchema } from './toGbnfSchema.js';
import type { ApiFunction, ApiMessage, CompleteArgs, CompleteEvent, CompleteResult } from './completeOps.js';
import { DEFAULT_SAMPLING, type GenerationTarget } from './generateReply.js';

type LlamaModule = typeof import('node-llama-cpp');

export interface CompleteOptions {
  signal: AbortSignal;
  onEvent(event: CompleteEvent): void;
  backend: Backend;
  threads: number;
  /** When the request reached the engine; time to first token counts from here. */
  startedAt: number;
}

const REPEAT_WINDOW = 64;

/**
 * One OpenAI-style completion on a loaded model with node-llama-cpp's own
 * LlamaChat over the model's context sequence (the same sequence the app's
 * chats use; the caller serialises the two, and each aligns the KV cache to
 * its own prompt). A JSON schema or json_object becomes a grammar; functions
 * are offered through the chat wrapper's function-calling syntax, and the
 * first call the model makes ends the generation and is returned, not run.
 */
export async function completeChat(
  module: LlamaModule,
  llama: Llama,
  target: GenerationTarget,
  args: CompleteArgs,
  options: CompleteOptions,
): Promise<CompleteResult> {
  const { LlamaChat } = module;
  const history = toChatHistory(args.messages);
  const mode = args.functionCall ?? 'auto';
  const functions = mode === 'none' ? undefined : offeredFunctions(args.functions ?? [], mode);
  if (functions && args.grammar) {
    throw new HearthError('INVALID_PARAMS', 'A response format (JSON) and tools cannot be used in one request: send tool_choice "none", or leave out the tools or the response format.');
  }
  if (mode !== 'auto' && mode !== 'none' && !functions) {
    throw new HearthError('INVALID_PARAMS', 'tool_choice asks for a tool call, but the request has no tools.');
  }
  const forced = functions !== undefined && mode !== 'auto' ? forcedCallWrapper(module, target.chatWrapper, functions) : null;
  const chatWrapper = forced?.wrapper ?? target.chatWrapper;
  const grammar = args.grammar ? await grammarFor(llama, args.grammar) : undefined;

  // Measure the prompt as LlamaChat will render it: an over-long one is an error, never silently cut.
  const promptTokens = renderPromptTokens(target, chatWrapper, history, functions);
  const room = target.contextSize - promptTokens;
  if (room < 1) {
    throw new HearthError(
      'PROMPT_TOO_LONG',
      `The prompt is ${promptTokens} tokens and ${target.modelId}'s context holds ${target.contextSize}. Shorten the messages, or raise the context size in Settings.`,
    );
  }
  // max_tokens past the room left ends as 'length' at the context's end, rather than shifting the prompt out.
  const maxTokens = Math.min(args.sampling.maxTokens ?? room, room);

  const { sampling } = args;
  const meterBefore = target.sequence.tokenMeter.getState();
  let firstTokenAt = 0;
  let lastTokenAt = 0;
  const tick = () => {
    lastTokenAt = performance.now();
    if (firstTokenAt === 0) firstTokenAt = lastTokenAt;
  };
  const callIds = new Map<number, string>();
  const idFor = (index: number) => {
    let id = callIds.get(index);
    if (!id) callIds.set(index, (id = `call_${randomBytes(12).toString('hex')}`));
    return id;
  };

  const chat = new LlamaChat({ contextSequence: target.sequence, chatWrapper, autoDisposeSequence: false });
  let finishReason: CompleteResult['finishReason'] = 'stop';
  let text = '';
  const toolCalls: CompleteResult['toolCalls'] = [];
  try {
    const common = {
      signal: options.signal,
      stopOnAbortSignal: true,
      maxTokens,
      temperature: sampling.temperature ?? DEFAULT_SAMPLING.temperature,
      topK: sampling.topK ?? DEFAULT_SAMPLING.topK,
      topP: sampling.topP ?? DEFAULT_SAMPLING.topP,
      minP: sampling.minP ?? DEFAULT_SAMPLING.minP,
      seed: sampling.seed ?? (Math.random() * 2 ** 31) >>> 0,
      repeatPenalty: {
        lastTokens: REPEAT_WINDOW,
        penalty: sampling.repeatPenalty ?? DEFAULT_SAMPLING.repeatPenalty,
        presencePenalty: sampling.presencePenalty,
        frequencyPenalty: sampling.frequencyPenalty,
      },
      customStopTriggers: sampling.stop,
      onToken: tick,
      onTextChunk: (chunk: string) => {
        if (chunk) options.onEvent({ type: 'delta', text: chunk });
      },
    };
    if (forced && functions && !options.signal.aborted) {
      const { call, stopReason } = await generateForcedCall(module, {
        chat,
        history,
        steps: forced,
        functions,
        id: idFor(0),
        generate: common,
        nameGrammar: (names) => llama.createGrammar({ grammar: `root ::= ${names.map((n) => JSON.stringify(n)).join(' | ')}` }),
        paramsGrammar: async (name) => {
          const params = functions[name]?.params;
          return params ? grammarFor(llama, { type: 'json_schema', schema: params as Record<string, unknown> }) : null;
        },
        onDelta: ({ name, argumentsDelta }) => options.onEvent({ type: 'toolCall', index: 0, id: idFor(0), name, argumentsDelta }),
      });
      if (call) toolCalls.push(call);
      finishReason = call ? 'tool_calls' : stopReason === 'abort' || options.signal.aborted ? 'aborted' : stopReason === 'maxTokens' ? 'length' : 'stop';
    }
    const response = options.signal.aborted || forced
      ? null
      : functions
        ? await chat.generateResponse(history, {
            ...common,
            functions,
            documentFunctionParams: true,
            maxParallelFunctionCalls: 1,
            onFunctionCallParamsChunk: (chunk) => {
              tick();
              options.onEvent({ type: 'toolCall', index: chunk.callIndex, id: idFor(chunk.callIndex), name: chunk.functionName, argumentsDelta: chunk.paramsChunk });
            },
          })
        : await chat.generateResponse(history, { ...common, grammar });
    if (!response) {
      if (!forced) finishReason = 'aborted';
    } else {
      text = response.response;
      const stop = response.metadata.stopReason;
      finishReason = stop === 'functionCalls' ? 'tool_calls' : stop === 'maxTokens' ? 'length' : stop === 'abort' ? 'aborted' : 'stop';
      for (const [index, call] of (response.functionCalls ?? []).entries()) {
        toolCalls.push({ id: idFor(index), name: call.functionName, arguments: JSON.stringify(call.params ?? {}) });
      }
    }
  } catch (error) {
    // Aborted before the first token: node-llama-cpp throws the signal's reason instead of returning.
    if (!options.signal.aborted) throw explainCallError(error);
    finishReason = 'aborted';
  } finally {
    chat.dispose({ disposeSequence: false });
  }

  const meterAfter = target.sequence.tokenMeter.getState();
  const completionTokens = meterAfter.usedOutputTokens - meterBefore.usedOutputTokens;
  const decodeMs = lastTokenAt - firstTokenAt;
  return {
    text,
    toolCalls,
    finishReason,
    context: { windowTokens: target.contextSize, promptTokens },
    stats: {
      promptTokens,
      completionTokens,
      timeToFirstTokenMs: firstTokenAt > 0 ? round(firstTokenAt - options.startedAt) : 0,
      tokensPerSecond: completionTokens > 1 && decodeMs > 0 ? round(((completionTokens - 1) * 1000) / decodeMs) : 0,
      totalMs: round(performance.now() - options.startedAt),
      backend: options.backend,
      modelId: target.modelId,
      threads: options.threads,
    },
  };
}

/**
 * OpenAI messages as node-llama-cpp's chat history: an assistant's tool calls
 * become function calls in its response, each with the result a later `tool`
 * message gave for its id (JSON when it parses, else the text).
 */
export function toChatHistory(messages: readonly ApiMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const openCalls = new Map<string, ChatModelFunctionCall>();
  for (const [i, message] of messages.entries()) {
    if (message.role === 'system') history.push({ type: 'system', text: message.content });
    else if (message.role === 'user') history.push({ type: 'user', text: message.content });
    else if (message.role === 'assistant') {
      const response: Array<string | ChatModelFunctionCall> = [];
      if (message.content) response.push(message.content);
      for (const call of message.toolCalls ?? []) {
        const item: ChatModelFunctionCall = { type: 'functionCall', name: call.name, params: parseArguments(call.arguments, i), result: undefined };
        openCalls.set(call.id, item);
        response.push(item);
      }
      history.push({ type: 'model', response });
    } else {
      const call = openCalls.get(message.toolCallId);
      if (!call) throw new HearthError('INVALID_PARAMS', `messages[${i}] answers tool call ${message.toolCallId}, which no earlier assistant message made.`);
      call.result = parseResult(message.content);
      openCalls.delete(message.toolCallId);
    }
  }
  const unanswered = [...openCalls.keys()];
  if (unanswered.length > 0) throw new HearthError('INVALID_PARAMS', `Tool call ${unanswered.join(', ')} has no tool message answering it.`);
  return history;
}

/** The functions the model is offered: all of them, or for {name} only that one. */
function offeredFunctions(list: readonly ApiFunction[], mode: NonNullable<CompleteArgs['functionCall']>): ChatModelFunctions | undefined {
  const chosen = typeof mode === 'object' ? list.filter((f) => f.name === mode.name) : list;
  if (typeof mode === 'object' && chosen.length === 0) {
    throw new HearthError('INVALID_PARAMS', `tool_choice names ${mode.name}, which is not among the request's tools (${list.map((f) => f.name).join(', ') || 'none'}).`);
  }
  if (chosen.length === 0) return undefined;
  const functions: Record<string, { description?: string; params?: object }> = {};
  for (const f of chosen) {
    if (Object.hasOwn(functions, f.name)) throw new HearthError('INVALID_PARAMS', `The tool ${f.name} is listed twice.`);
    functions[f.name] = { description: f.description, params: f.parameters ? toGbnfSchema(f.parameters, `tool ${f.name}`) : undefined };
  }
  return functions as ChatModelFunctions;
}

/**
 * A call the model chose to make ('auto') is parsed by node-llama-cpp against
 * the tool's schema under its own grammar, which lets an integer take an
 * exponent: say so, and how to get arguments under Hearth's tighter grammar.
 */
function explainCallError(error: unknown): unknown {
  const name = (error as Error | null)?.name ?? '';
  const message = (error as Error | null)?.message ?? '';
  if (name === 'LlamaFunctionCallValidationError' || name === 'LlamaJsonSchemaValidationError' || /^Expected /.test(message)) {
    return new HearthError('INTERNAL', `The model called a tool with arguments that do not match its parameters (${message.slice(0, 200)}). Retry, or name the tool in tool_choice to have its arguments generated under its schema.`, { cause: error });
  }
  return error;
}

async function grammarFor(llama: Llama, grammar: NonNullable<CompleteArgs['grammar']>): Promise<LlamaGrammar> {
  let base: LlamaGrammar;
  if (grammar.type === 'json_object') base = await llama.getGrammarFor('json');
  else {
    const schema = toGbnfSchema(grammar.schema, 'response_format');
    try {
      base = await llama.createGrammarForJsonSchema(schema as never);
    } catch (error) {
      throw new HearthError('INVALID_PARAMS', `The response_format schema cannot be turned into a grammar: ${(error as Error).message}`);
    }
  }
  return llama.createGrammar({
    grammar: tightenJsonGrammar(base.grammar),
    stopGenerationTriggers: base.stopGenerationTriggers,
    trimWhitespaceSuffix: base.trimWhitespaceSuffix,
    rootRuleName: base.rootRuleName,
  });
}

function renderPromptTokens(target: GenerationTarget, chatWrapper: ChatWrapper, history: ChatHistoryItem[], functions: ChatModelFunctions | undefined): number {
  const last = history.at(-1);
  const withReply: ChatHistoryItem[] = last?.type === 'model' ? history : [...history, { type: 'model', response: [] }];
  const { contextText } = chatWrapper.generateContextState({ chatHistory: withReply, availableFunctions: functions, documentFunctionParams: true });
  return contextText.tokenize(target.model.tokenizer).length;
}

function parseArguments(text: string, index: number): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    throw new HearthError('INVALID_PARAMS', `messages[${index}] has a tool call whose arguments are not JSON.`);
  }
}

function parseResult(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
