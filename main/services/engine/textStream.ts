/**
 * Turns generated tokens into text safely while streaming:
 * - byte-fallback tokens can split one UTF-8 character across tokens, so a
 *   chunk that ends in U+FFFD is held until the character completes;
 * - text that could be the start of a stop string is held back until it is
 *   clear, so a stop string never flashes on screen and is never stored.
 */
export interface Detokenizer {
  (tokens: readonly number[], lastTokens: readonly number[]): string;
}

export interface TextStreamResult {
  /** Text safe to show now (may be empty). */
  text: string;
  /** True when a stop string was found; text holds everything before it. */
  stopped: boolean;
}

const REPLACEMENT = '\uFFFD';
// A UTF-8 character spans at most 4 bytes, so 4 byte-tokens at most.
const MAX_PENDING_TOKENS = 4;
const CONTEXT_TOKENS = 8;

export class TextStream {
  private readonly stops: string[];
  private readonly maxStop: number;
  private pending: number[] = [];
  private readonly recent: number[] = [];
  private held = '';

  constructor(
    private readonly detokenize: Detokenizer,
    stopStrings: readonly string[],
  ) {
    this.stops = [...new Set(stopStrings.filter((s) => s.length > 0))];
    this.maxStop = this.stops.reduce((max, s) => Math.max(max, s.length), 0);
  }

  push(token: number): TextStreamResult {
    this.pending.push(token);
    const piece = this.detokenize(this.pending, this.recent);
    if (piece.endsWith(REPLACEMENT) && this.pending.length < MAX_PENDING_TOKENS) return { text: '', stopped: false };
    for (const t of this.pending) {
      this.recent.push(t);
      if (this.recent.length > CONTEXT_TOKENS) this.recent.shift();
    }
    this.pending = [];
    return this.accept(piece);
  }

  /** Whatever is still held back, once generation is over. */
  flush(): string {
    let tail = '';
    if (this.pending.length > 0) tail = this.detokenize(this.pending, this.recent);
    this.pending = [];
    const out = this.held + tail;
    this.held = '';
    return out;
  }

  private accept(piece: string): TextStreamResult {
    if (this.maxStop === 0) return { text: piece, stopped: false };
    const buffer = this.held + piece;
    let cut = -1;
    for (const stop of this.stops) {
      const at = buffer.indexOf(stop);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.held = '';
      return { text: buffer.slice(0, cut), stopped: true };
    }
    const keep = this.partialStopSuffix(buffer);
    this.held = buffer.slice(buffer.length - keep);
    return { text: buffer.slice(0, buffer.length - keep), stopped: false };
  }

  /** Length of the longest suffix of buffer that is a proper prefix of some stop string. */
  private partialStopSuffix(buffer: string): number {
    const limit = Math.min(buffer.length, this.maxStop - 1);
    for (let len = limit; len > 0; len--) {
      const suffix = buffer.slice(buffer.length - len);
      if (this.stops.some((s) => s.startsWith(suffix))) return len;
    }
    return 0;
  }
}
