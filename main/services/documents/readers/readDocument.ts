import path from 'node:path';
import type { Block, ReadOutcome } from '../Block.js';
import { readDocx } from './readDocx.js';
import { readHtml } from './readHtml.js';
import { readMarkdown } from './readMarkdown.js';
import { readPdf } from './readPdf.js';
import { splitParagraphs } from './splitParagraphs.js';

const CODE = [
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'kts', 'scala', 'swift', 'c', 'h', 'cc', 'cpp', 'cxx', 'hpp',
  'cs', 'php', 'sh', 'bash', 'zsh', 'ps1', 'sql', 'r', 'lua', 'pl', 'dart', 'ex', 'exs', 'erl', 'hs', 'ml', 'clj', 'vue', 'svelte', 'css', 'scss',
  'yaml', 'yml', 'toml', 'ini', 'xml',
];
const KINDS: Record<string, 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'csv' | 'json' | 'code'> = {
  txt: 'text', text: 'text', log: 'text', rst: 'text', md: 'markdown', markdown: 'markdown', mdx: 'markdown', html: 'html', htm: 'html',
  pdf: 'pdf', docx: 'docx', csv: 'csv', tsv: 'csv', json: 'json', ...Object.fromEntries(CODE.map((e) => [e, 'code' as const])),
};

/** Extensions Hearth can read; a folder's other files are not listed at all. */
export function isReadable(file: string): boolean {
  return path.extname(file).slice(1).toLowerCase() in KINDS;
}

/** Rows per CSV block: small enough to cite, large enough to keep the header worth repeating. */
const CSV_ROWS = 20;

function readCsv(text: string): ReadOutcome {
  const lines = text.split(/\r\n|\r|\n/);
  const header = lines[0] ?? '';
  const blocks: Block[] = [];
  for (let i = 1; i < lines.length; i += CSV_ROWS) {
    const rows = lines.slice(i, i + CSV_ROWS).filter((l) => l.trim());
    if (rows.length) blocks.push({ text: [header, ...rows].join('\n'), headings: [], lineFrom: i + 1, lineTo: Math.min(i + CSV_ROWS, lines.length), kind: 'text' });
  }
  if (blocks.length === 0 && header.trim()) blocks.push({ text: header, headings: [], lineFrom: 1, lineTo: 1, kind: 'text' });
  return { ok: true, title: null, blocks };
}

function readJson(text: string): ReadOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `malformed JSON (${(error as Error).message})` };
  }
  // Minified JSON has one line: pretty-printed it chunks by structure, without line numbers.
  if (!text.trim().includes('\n')) return { ok: true, title: null, blocks: splitParagraphs(JSON.stringify(parsed, null, 2), 'code').map(({ lineFrom: _f, lineTo: _t, ...b }) => b) };
  return { ok: true, title: null, blocks: splitParagraphs(text, 'code') };
}

/** Text that is mostly NUL or control bytes is a binary file with a text extension. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || c === 0xfffd || (c < 9 && c !== 0)) odd++;
  }
  return sample.length > 0 && odd / sample.length > 0.1;
}

/** Reads one file's bytes into structured blocks, or says why it is skipped. Runs inside the reader worker. */
export async function readDocument(file: string, bytes: Uint8Array): Promise<ReadOutcome> {
  const kind = KINDS[path.extname(file).slice(1).toLowerCase()];
  if (!kind) return { ok: false, reason: `unsupported file type "${path.extname(file) || '(none)'}"` };
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  let outcome: ReadOutcome;
  if (kind === 'pdf') outcome = await readPdf(bytes);
  else if (kind === 'docx') outcome = await readDocx(bytes);
  else {
    const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
    if (looksBinary(text)) return { ok: false, reason: 'binary content, not text' };
    if (kind === 'markdown') outcome = readMarkdown(text);
    else if (kind === 'html') outcome = readHtml(text);
    else if (kind === 'csv') outcome = readCsv(text);
    else if (kind === 'json') outcome = readJson(text);
    else outcome = { ok: true, title: null, blocks: splitParagraphs(text, kind === 'code' ? 'code' : 'text') };
  }
  if (outcome.ok && outcome.blocks.length === 0) return { ok: false, reason: 'no text found (empty, or a scanned PDF without a text layer)' };
  return outcome;
}
