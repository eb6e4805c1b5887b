import type { Block } from '../Block.js';

/**
 * Blank-line separated paragraphs of plain text (or code), each with its
 * 1-based line range in the original file.
 */
export function splitParagraphs(text: string, kind: Block['kind'], headings: string[] = [], firstLine = 1): Block[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let start = -1;
  const flush = (end: number): void => {
    if (start < 0) return;
    const body = lines.slice(start, end).join('\n');
    if (body.trim()) blocks.push({ text: body, headings, lineFrom: firstLine + start, lineTo: firstLine + end - 1, kind });
    start = -1;
  };
  lines.forEach((line, i) => {
    if (line.trim() === '') flush(i);
    else if (start < 0) start = i;
  });
  flush(lines.length);
  return blocks;
}
