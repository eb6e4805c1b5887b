import type { Block } from './Block.js';

export interface Chunk {
  text: string;
  /** The heading path, " > " joined; null before the first heading. */
  heading: string | null;
  page: number | null;
  lineFrom: number | null;
  lineTo: number | null;
  tokens: number;
}

/**
 * Tokens without a model: the larger of ~4 characters and ~0.75 words per
 * token, so neither dense code nor short-word prose is badly undercounted.
 */
export function estimateTokens(text: string): number {
  const words = text.match(/\S+/g)?.length ?? 0;
  return Math.ceil(Math.max(text.length / 4, words * 1.33));
}

/** Splits one block that is over budget on line breaks, then sentences, then characters, keeping line ranges exact where lines are whole. */
function splitBlock(block: Block, budget: number): Block[] {
  const lines = block.text.split('\n');
  const out: Block[] = [];
  let current: string[] = [];
  let first = block.lineFrom ?? null;
  let lineNo = block.lineFrom ?? null;
  const push = (): void => {
    if (!current.length) return;
    const lastLine = lineNo === null ? null : lineNo - 1;
    out.push({ ...block, text: current.join('\n'), lineFrom: first ?? undefined, lineTo: lastLine ?? undefined });
    current = [];
    first = lineNo;
  };
  for (const line of lines) {
    if (estimateTokens(line) > budget) {
      push();
      // One long line (prose without breaks, minified code): sentences, then fixed slices.
      const pieces = line.match(/[^.!?]+[.!?]*\s*/g) ?? [line];
      let piece = '';
      for (const p of pieces.flatMap((s) => (estimateTokens(s) > budget ? (s.match(new RegExp(`[\\s\\S]{1,${budget * 3}}`, 'g')) ?? []) : [s]))) {
        if (piece && estimateTokens(piece + p) > budget) {
          out.push({ ...block, text: piece.trim(), lineFrom: lineNo ?? undefined, lineTo: lineNo ?? undefined });
          piece = '';
        }
        piece += p;
      }
      if (piece.trim()) out.push({ ...block, text: piece.trim(), lineFrom: lineNo ?? undefined, lineTo: lineNo ?? undefined });
      if (lineNo !== null) lineNo++;
      first = lineNo;
      continue;
    }
    if (current.length && estimateTokens([...current, line].join('\n')) > budget) push();
    current.push(line);
    if (lineNo !== null) lineNo++;
  }
  push();
  return out;
}

function toChunk(blocks: Block[]): Chunk {
  const text = blocks.map((b) => b.text).join('\n\n');
  const lineFroms = blocks.map((b) => b.lineFrom).filter((n): n is number => n !== undefined);
  const lineTos = blocks.map((b) => b.lineTo).filter((n): n is number => n !== undefined);
  return {
    text,
    heading: blocks[0]!.headings.length ? blocks[0]!.headings.join(' > ') : null,
    page: blocks[0]!.page ?? null,
    lineFrom: lineFroms.length ? Math.min(...lineFroms) : null,
    lineTo: lineTos.length ? Math.max(...lineTos) : null,
    tokens: estimateTokens(text),
  };
}

/**
 * Packs a document's blocks into chunks of at most `budget` tokens that
 * follow its structure: a chunk never spans two sections (heading paths) or
 * two pages, paragraphs and code blocks are kept whole where they fit, and an
 * oversized block is split on lines first.
 */
export function chunkBlocks(blocks: readonly Block[], budget = 300): Chunk[] {
  const chunks: Chunk[] = [];
  let group: Block[] = [];
  let tokens = 0;
  const key = (b: Block): string => `${b.page ?? ''}\u0000${b.headings.join('\u0000')}`;
  const flush = (): void => {
    if (group.length) chunks.push(toChunk(group));
    group = [];
    tokens = 0;
  };
  for (const block of blocks) {
    const pieces = estimateTokens(block.text) > budget ? splitBlock(block, budget) : [block];
    for (const piece of pieces) {
      const t = estimateTokens(piece.text);
      if (group.length && (key(group[0]!) !== key(piece) || tokens + t > budget)) flush();
      group.push(piece);
      tokens += t;
    }
  }
  flush();
  return chunks;
}
