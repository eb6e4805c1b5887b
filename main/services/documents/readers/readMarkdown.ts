import type { Block, ReadOutcome } from '../Block.js';

const ATX = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)\s*$/;

function cleanHeading(text: string): string {
  // Links and emphasis read better as their words: [text](url) -> text.
  return text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').trim();
}

/**
 * Markdown by structure: ATX and setext headings open sections (the heading
 * path is kept per block), fenced code stays one block, paragraphs split on
 * blank lines. Front matter is skipped; its `title:` becomes the title.
 */
export function readMarkdown(source: string): ReadOutcome {
  const lines = source.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  const path: string[] = [];
  let title: string | null = null;
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      const t = lines.slice(1, end).find((l) => /^title:/i.test(l));
      if (t) title = t.replace(/^title:\s*/i, '').replace(/^["']|["']$/g, '').trim() || null;
      i = end + 1;
    }
  }
  let para: { from: number; lines: string[] } | null = null;
  const flush = (): void => {
    if (para && para.lines.join('').trim()) {
      blocks.push({ text: para.lines.join('\n'), headings: [...path], lineFrom: para.from + 1, lineTo: para.from + para.lines.length, kind: 'text' });
    }
    para = null;
  };
  const setHeading = (level: number, text: string): void => {
    path.length = Math.min(path.length, level - 1);
    while (path.length < level - 1) path.push('');
    path.push(cleanHeading(text));
    if (level === 1 && title === null) title = cleanHeading(text);
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const marker = fence[1]!;
      let end = i + 1;
      while (end < lines.length && !lines[end]!.trimStart().startsWith(marker)) end++;
      const body = lines.slice(i, Math.min(end + 1, lines.length)).join('\n');
      blocks.push({ text: body, headings: [...path], lineFrom: i + 1, lineTo: Math.min(end + 1, lines.length), kind: 'code' });
      i = end;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      flush();
      setHeading(atx[1]!.length, atx[2]!);
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && para && para.lines.length === 1 && !(setext[1]!.startsWith('-') && line.trim().length < 2)) {
      const text = para.lines[0]!;
      para = null;
      setHeading(setext[1]!.startsWith('=') ? 1 : 2, text);
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    para ??= { from: i, lines: [] };
    para.lines.push(line);
  }
  flush();
  return { ok: true, title, blocks: blocks.map((b) => ({ ...b, headings: b.headings.filter(Boolean) })) };
}
