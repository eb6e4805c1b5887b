import { HearthError, type Message, type ReplySource, type Sampling } from '../contract/index.js';
import type { Services } from '../app/createServices.js';
import { sourceLabel } from '../services/chat/documentSources.js';
import { toNumber, UsageError, type Io } from './cliContext.js';

export const DOCS_ASK_USAGE = `hearth docs ask "<question>" --collection NAME [--model M] [--max-tokens N] [--seed S] [--json]
                                               answer from a collection's excerpts (a stored chat), then the numbered sources`;

export interface AskOptions {
  question: string;
  collection: string | undefined;
  model: string | undefined;
  maxTokens: string | undefined;
  seed: string | undefined;
  json: boolean;
}

/** One source as `--json` prints it: the excerpt's place and text, nulls left out. */
function sourceJson(s: ReplySource): Record<string, unknown> {
  return {
    n: s.n,
    path: s.path,
    ...(s.heading ? { heading: s.heading } : {}),
    ...(s.page !== null ? { page: s.page } : {}),
    ...(s.lines ? { lines: s.lines } : {}),
    score: s.score,
    text: s.text,
  };
}

/**
 * `hearth docs ask`: a real chat turn in a new chat with the collection
 * attached, through the same chat service as the app (routing, retrieval,
 * the stored reply and its sources): the answer streams to stdout, then the
 * numbered sources. The chat stays in the history (`hearth chats`).
 */
export async function docsAsk(services: Pick<Services, 'documents' | 'chat' | 'models' | 'bus'>, io: Io, o: AskOptions): Promise<number> {
  if (!o.question) throw new UsageError(`give a question: ${DOCS_ASK_USAGE}`);
  if (!o.collection) throw new UsageError('give the collection to answer from: --collection NAME (see `hearth docs list`)');
  const { documents, chat, models, bus } = services;
  const collection = documents.find(o.collection);
  const model = o.model ? await models.resolve(o.model) : null;
  const sampling: Sampling = {};
  const maxTokens = toNumber(o.maxTokens, 'max-tokens', { integer: true, min: 1 });
  const seed = toNumber(o.seed, 'seed', { integer: true, min: 0 });
  if (maxTokens !== undefined) sampling.maxTokens = maxTokens;
  if (seed !== undefined) sampling.seed = seed;
  const turn = await chat.turn({
    newChat: { collectionIds: [collection.id], ...(Object.keys(sampling).length ? { sampling } : {}) },
    ...(model ? { modelId: model.id } : {}),
    action: { type: 'send', text: o.question },
  });
  const messageId = turn.reply.id;
  const unsubscribe = bus.subscribe((event, payload) => {
    if (o.json || event !== 'chat.delta') return;
    const delta = payload as { messageId: string; text: string };
    if (delta.messageId === messageId) io.out(delta.text);
  });
  const onSigint = (): void => void chat.stop(messageId);
  process.once('SIGINT', onSigint);
  let reply: Message;
  try {
    reply = await chat.whenDone(messageId);
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
  }
  if (reply.status === 'error') throw new HearthError('INTERNAL', reply.error ?? 'The reply failed.');
  const sources = reply.sources ?? [];
  if (o.json) {
    const profile = reply.routing?.domain ?? null;
    io.out(`${JSON.stringify({ chatId: turn.chat.id, messageId, modelId: reply.modelId, profile, text: reply.content, sources: sources.map(sourceJson), stats: reply.stats }, null, 2)}\n`);
  } else {
    io.out('\n');
    if (sources.length === 0) io.out(`\nNothing in "${collection.name}" matched the question: the answer is not from your documents.\n`);
    else io.out(`\nSources:\n${sources.map((s) => `${sourceLabel(s)}\n    ${s.path}\n`).join('')}`);
    const profile = reply.routing ? `, ${reply.routing.domain} profile` : '';
    io.err(`[${reply.modelId ?? 'no model'}${profile}, chat ${turn.chat.id}]\n`);
  }
  return reply.finishReason === 'aborted' ? 130 : 0;
}
