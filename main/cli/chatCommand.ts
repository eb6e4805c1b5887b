import { HearthError, type Sampling } from '../contract/index.js';
import { terminalIo } from './terminalText.js';
import { parse, toNumber, UsageError, withServices, type Io } from './cliContext.js';

export const CHAT_USAGE = `hearth chat --model <id|file> --prompt TEXT [--chat ID] [--system TEXT] [--max-tokens N]
            [--temperature T] [--top-p P] [--top-k K] [--seed S] [--thinking auto|on|off] [--thinking-budget N] [--json]
  Streams the reply to stdout as it comes and stores it; a reasoning model's thinking streams to stderr,
  so stdout holds the answer only. With --json, prints one object at the end: {chatId, messageId, text,
  thought, stats}. --thinking and --thinking-budget set the chat's switch and cap (reasoning models; kept for
  the chat). A file path is linked into the cache on first use.`;

const isThinkingMode = (mode: string): mode is 'auto' | 'on' | 'off' => mode === 'auto' || mode === 'on' || mode === 'off';

export async function chatCommand(argv: string[], rawIo: Io): Promise<number> {
  // Model output goes to the terminal filtered: a model cannot retitle or clear it.
  const io = terminalIo(rawIo);
  const { values, positionals } = parse(argv, {
    model: { type: 'string', short: 'm' },
    prompt: { type: 'string', short: 'p' },
    chat: { type: 'string' },
    system: { type: 'string' },
    'max-tokens': { type: 'string' },
    temperature: { type: 'string' },
    'top-p': { type: 'string' },
    'top-k': { type: 'string' },
    seed: { type: 'string' },
    thinking: { type: 'string' },
    'thinking-budget': { type: 'string' },
  });
  if (values.help) {
    io.out(`${CHAT_USAGE}\n`);
    return 0;
  }
  const prompt = values.prompt ?? (positionals.length > 0 ? positionals.join(' ') : undefined);
  if (!prompt) throw new UsageError(`missing --prompt\n${CHAT_USAGE}`);
  const sampling: Sampling = {};
  const maxTokens = toNumber(values['max-tokens'], 'max-tokens', { integer: true, min: 1 });
  const temperature = toNumber(values.temperature, 'temperature', { min: 0 });
  const topP = toNumber(values['top-p'], 'top-p', { min: 0 });
  const topK = toNumber(values['top-k'], 'top-k', { integer: true, min: 0 });
  const seed = toNumber(values.seed, 'seed', { integer: true, min: 0 });
  if (maxTokens !== undefined) sampling.maxTokens = maxTokens;
  if (temperature !== undefined) sampling.temperature = temperature;
  if (topP !== undefined) sampling.topP = topP;
  if (topK !== undefined) sampling.topK = topK;
  if (seed !== undefined) sampling.seed = seed;
  const thinkingMode = values.thinking;
  if (thinkingMode !== undefined && !isThinkingMode(thinkingMode)) throw new UsageError(`--thinking must be auto, on or off, got "${thinkingMode}"`);
  const thinkingBudget = toNumber(values['thinking-budget'], 'thinking-budget', { integer: true, min: 1 });
  if (thinkingBudget !== undefined && thinkingBudget > 1_000_000) throw new UsageError(`--thinking-budget must be at most 1000000, got "${thinkingBudget}"`);
  const thinking = { ...(thinkingMode ? { thinking: thinkingMode } : {}), ...(thinkingBudget !== undefined ? { thinkingBudget } : {}) };

  return withServices(values['data-dir'], async ({ models, chat, bus, store }) => {
    const existing = values.chat ? store.getChat(values.chat) : null;
    const modelRef = values.model ?? existing?.modelId ?? undefined;
    if (!modelRef) throw new UsageError(`missing --model\n${CHAT_USAGE}`);
    const model = await models.resolve(modelRef);
    const hasSampling = Object.keys(sampling).length > 0;
    // The same turn the app sends: routed once, with embeddings when an embedding model is installed.
    if (existing && (values.system !== undefined || hasSampling || Object.keys(thinking).length > 0)) {
      chat.updateChat(existing.id, { ...(values.system !== undefined ? { systemPrompt: values.system } : {}), ...(hasSampling ? { sampling: { ...existing.sampling, ...sampling } } : {}), ...thinking });
    }
    const turn = await chat.turn({
      ...(existing ? { chatId: existing.id } : { newChat: { ...(values.system !== undefined ? { systemPrompt: values.system } : {}), ...(hasSampling ? { sampling } : {}), ...thinking } }),
      modelId: model.id,
      action: { type: 'send', text: prompt },
    });
    const ids = { chatId: turn.chat.id, messageId: turn.reply.id };
    let inThought = false;
    const unsubscribe = bus.subscribe((event, payload) => {
      if (values.json || event !== 'chat.delta') return;
      const delta = payload as { messageId: string; text: string; segment?: 'thought' };
      if (delta.messageId !== ids.messageId) return;
      if (delta.segment === 'thought') {
        if (!inThought) io.err('[thinking]\n');
        inThought = true;
        io.err(delta.text);
        return;
      }
      if (inThought) io.err('\n[/thinking]\n');
      inThought = false;
      io.out(delta.text);
    });
    // Ctrl+C stops the reply cleanly: what was written so far is kept.
    const onSigint = () => chat.stop(ids.messageId);
    process.once('SIGINT', onSigint);
    try {
      const reply = await chat.whenDone(ids.messageId);
      if (reply.status === 'error') throw new HearthError('INTERNAL', reply.error ?? 'The reply failed.');
      if (values.json) {
        io.out(`${JSON.stringify({ chatId: ids.chatId, messageId: ids.messageId, text: reply.content, thought: reply.thought ?? null, stats: reply.stats })}\n`);
      } else {
        if (inThought) io.err('\n[/thinking]\n');
        io.out('\n');
        const s = reply.stats;
        if (s) io.err(`[${s.completionTokens} tokens, ${s.tokensPerSecond.toFixed(1)} tok/s, first token ${Math.round(s.timeToFirstTokenMs)} ms, ${s.backend}, chat ${ids.chatId}]\n`);
      }
      return reply.finishReason === 'aborted' ? 130 : 0;
    } finally {
      process.off('SIGINT', onSigint);
      unsubscribe();
    }
  });
}
