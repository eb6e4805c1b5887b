import fs from 'node:fs';
import path from 'node:path';
import { HearthError, type Chat, type ReplySource } from '../../contract/index.js';
import type { DocHit } from '../../contract/documents.js';
import type { Documents } from '../documents/createDocuments.js';
import type { Store } from '../store/createStore.js';

/** What a chat turn uses of the documents service. */
export type ChatDocuments = Pick<Documents, 'retrieve' | 'create' | 'addPaths' | 'list' | 'remove'>;

/**
 * Share of the context window the excerpts may take. The reply keeps up to
 * half (generateReply's reserve), so a quarter for excerpts leaves at least a
 * quarter for the instructions, the message and recent history: a document
 * chat still remembers what was just said.
 */
const EXCERPT_SHARE = 0.25;
/** Beyond this the model reads more than it uses, and prompt evaluation dominates the reply on a CPU. */
const MAX_EXCERPT_TOKENS = 4000;

/** Tokens of excerpts one reply may carry, by the documents service's estimate (~4 characters a token). */
export function excerptBudget(windowTokens: number): number {
  return Math.max(0, Math.min(MAX_EXCERPT_TOKENS, Math.floor(windowTokens * EXCERPT_SHARE)));
}

/** Hits as the reply stores them, numbered as the prompt numbers them. */
export function toSources(hits: readonly DocHit[]): ReplySource[] {
  return hits.map((h, i) => ({
    n: i + 1,
    path: h.path,
    title: h.title ?? null,
    heading: h.heading ?? null,
    page: h.page ?? null,
    lines: h.lines ?? null,
    text: h.text,
    score: h.score,
    collectionId: h.collectionId,
    chunkId: h.chunkId,
  }));
}

/** "[2] guide.pdf — Install > Linux, page 4". */
export function sourceLabel(s: ReplySource): string {
  const where = [s.heading, s.page !== null ? `page ${s.page}` : null, s.lines ? `lines ${s.lines[0]}–${s.lines[1]}` : null].filter(Boolean).join(', ');
  return `[${s.n}] ${path.basename(s.path)}${where ? ` — ${where}` : ''}`;
}

/**
 * The message the model answers in a document chat: the excerpts, numbered,
 * then the user's words. They travel with the message, not in the system
 * prompt: the system prompt and earlier turns then stay the same from turn to
 * turn, so the engine reuses their evaluated prefix; and the stored message
 * stays what the user wrote, so later turns do not carry old excerpts. With
 * no excerpt the model is told so, rather than left to invent citations.
 * `sources` null (a chat without documents): the text as it is.
 */
export function withExcerpts(text: string, sources: readonly ReplySource[] | null): string {
  if (sources === null) return text;
  if (sources.length === 0) {
    return `(The user's documents attached to this chat have no excerpt for this message. If it asks about them, say that nothing was found in them; do not cite sources.)\n\n${text}`;
  }
  const excerpts = sources.map((s) => `${sourceLabel(s)}\n${s.text}`).join('\n\n');
  return [
    "Excerpts from the user's documents:",
    '',
    excerpts,
    '',
    'Answer the message below from these excerpts, and cite the ones you use by number, like [1]. If they do not hold the answer, say so before answering from what you know.',
    '',
    `Message: ${text}`,
  ].join('\n');
}

/** Files dropped on the composer, made absolute and checked before anything is written. */
export function checkDroppedFiles(files: readonly string[]): string[] {
  return [...new Set(files.map((f) => path.resolve(f)))].map((file) => {
    if (!fs.statSync(file, { throwIfNoEntry: false })) throw new HearthError('FILE_NOT_FOUND', `${file} does not exist, so it was not attached and nothing was sent. Check the path and drop it again.`);
    return file;
  });
}

/**
 * The collection that files dropped in a chat go to: the chat's own, when it
 * has one attached; else a new, empty one named after the chat (made unique),
 * which the caller attaches with the turn (and removes if the turn fails).
 */
export async function droppedFilesCollection(store: Store, documents: ChatDocuments, chatId: string | null, title: string): Promise<{ id: string; created: boolean }> {
  const existing = chatId ? store.droppedCollectionId(chatId) : null;
  if (existing) return { id: existing, created: false };
  const taken = new Set(documents.list().map((c) => c.name.toLowerCase()));
  const base = (title.trim() || 'Chat files').slice(0, 180);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} (${i})`;
  return { id: (await documents.create(name)).id, created: true };
}

/**
 * The excerpts for one reply from the chat's collections, within the budget;
 * null when the chat has none attached. A collection still indexing gives
 * what it has so far.
 */
export async function retrieveSources(documents: ChatDocuments | undefined, chat: Chat, text: string, windowTokens: number, signal?: AbortSignal): Promise<ReplySource[] | null> {
  const collectionIds = chat.collectionIds ?? [];
  if (!documents || collectionIds.length === 0) return null;
  const hits = await documents.retrieve(text, { collectionIds, budgetTokens: excerptBudget(windowTokens), signal });
  return toSources(hits);
}
