import type { Chat, Message, MessageRole, ReplySource, Thought } from '../../contract/entities.js';

export type ExportFormat = 'md' | 'json';

export interface ExportOptions {
  /** Add reasoning models' thoughts, marked as thinking; left out by default (they are not what the model said). */
  includeThinking?: boolean;
}

export interface ChatExport {
  filename: string;
  content: string;
}

/** Bumped when the JSON shape changes in a way an importer must know about. */
export const EXPORT_VERSION = 1;

const ROLE_LABEL: Record<MessageRole, string> = { system: 'System', user: 'You', assistant: 'Assistant' };

/** UTC with the zone spelled out: an export is read on other machines and in other zones. */
function stamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A name every OS accepts: letters and digits of the title (any script) joined
 * by dashes, bounded, and never a bare Windows device name (CON, NUL, COM1...)
 * because the creation date always follows.
 */
export function exportFilename(chat: Chat, format: ExportFormat): string {
  const words = chat.title.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if ([...next].length > 60) break;
    slug = next;
  }
  if (!slug) slug = [...(words[0] ?? 'chat')].slice(0, 60).join('');
  const date = new Date(chat.createdAt).toISOString().slice(0, 10);
  return `${slug}-${date}.${format}`;
}

function statusNote(m: Message): string | null {
  if (m.status === 'complete') return null;
  if (m.status === 'streaming') return '_(still being written when exported)_';
  const why = m.error ? `: ${m.error}` : '';
  return m.status === 'interrupted' ? `_(interrupted${why})_` : `_(failed${why})_`;
}

/** Whole seconds, at least 1: "Thought for 0 s" reads as nothing. */
function seconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000));
}

/**
 * A thought as Markdown: collapsed where Markdown renders HTML (GitHub, most
 * editors), and quoted so it still reads as set apart where it does not.
 */
function thoughtBlock(thought: Thought): string[] {
  return ['<details>', `<summary>Thinking (${seconds(thought.durationMs)} s)</summary>`, '', ...thought.text.trim().split('\n').map((l) => (l ? `> ${l}` : '>')), '', '</details>', ''];
}

/** "[2] /home/u/guide.pdf — Install > Linux, page 4": the full path, since the export is read away from Hearth. */
function sourceLine(s: ReplySource): string {
  const where = [s.heading, s.page !== null ? `page ${s.page}` : null, s.lines ? `lines ${s.lines[0]}–${s.lines[1]}` : null].filter(Boolean).join(', ');
  return `- [${s.n}] ${s.path}${where ? ` — ${where}` : ''}`;
}

function toMarkdown(chat: Chat, messages: readonly Message[], exportedAt: number, includeThinking: boolean): string {
  const lines = [`# ${chat.title.replace(/\s+/g, ' ').trim() || 'Untitled chat'}`, ''];
  lines.push(`- Created: ${stamp(chat.createdAt)}`);
  lines.push(`- Model: ${chat.modelId ?? 'default'}`);
  lines.push(`- Messages: ${messages.length}`);
  lines.push(`- Exported from Hearth: ${stamp(exportedAt)}`);
  if (chat.systemPrompt) lines.push('', '> **System prompt**', ...chat.systemPrompt.split('\n').map((l) => `> ${l}`));
  for (const m of messages) {
    const model = m.role === 'assistant' && m.modelId ? ` (${m.modelId})` : '';
    lines.push('', '---', '', `### ${ROLE_LABEL[m.role]}${model} · ${stamp(m.createdAt)}`, '');
    if (includeThinking && m.thought?.text.trim()) lines.push(...thoughtBlock(m.thought));
    lines.push(m.content);
    const note = statusNote(m);
    if (note) lines.push('', note);
    if (m.sources?.length) lines.push('', '**Sources**', '', ...m.sources.map(sourceLine));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Markdown for reading, JSON for keeping: the JSON holds every field of the chat and its messages
 * (each message's `thought` only with includeThinking).
 */
export function formatExport(chat: Chat, messages: readonly Message[], format: ExportFormat, exportedAt: number, options: ExportOptions = {}): ChatExport {
  const includeThinking = options.includeThinking === true;
  // With thinking, every message says whether it had one (null: the model did not think).
  const kept = messages.map(({ thought, ...m }) => (includeThinking ? { ...m, thought: thought ?? null } : m));
  const content =
    format === 'md'
      ? toMarkdown(chat, messages, exportedAt, includeThinking)
      : `${JSON.stringify({ format: 'hearth.chat', version: EXPORT_VERSION, exportedAt, chat, messages: kept }, null, 2)}\n`;
  return { filename: exportFilename(chat, format), content };
}
