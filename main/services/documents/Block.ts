/**
 * What a reader gives the chunker: a run of text with where it sits in the
 * document (heading path, page, 1-based line range of the original file).
 * Code blocks are kept whole where they fit, so the chunker never splits them
 * mid-line and never merges them into prose.
 */
export interface Block {
  text: string;
  headings: string[];
  page?: number;
  lineFrom?: number;
  lineTo?: number;
  kind: 'text' | 'code';
}

/** What reading one file gave: blocks to chunk, or why the file is skipped. */
export type ReadOutcome = { ok: true; title: string | null; blocks: Block[] } | { ok: false; reason: string };
