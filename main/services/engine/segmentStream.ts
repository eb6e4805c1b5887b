/**
 * Splits a reply's text stream into thought and answer as it streams, from
 * the family's thought markers (see thoughtMarkers.ts): text between an
 * opening and a closing marker is thought, the rest is answer. Marker text is
 * never emitted; only text that may be the start of a marker (or of an answer
 * stop string) is held back, so a marker split over several tokens is still
 * found. Whitespace that only separates a marker from its segment is dropped.
 *
 * Stop strings the user set end the reply only in the answer: a thought is the
 * model's scratch work and may contain them (a "\n\n" stop would otherwise end
 * every thinking reply before its answer). llama.cpp's server matches them on
 * the raw text, thought included; Hearth shows the thought apart, so a stop
 * there would leave a reply with no answer. The template's own end-of-turn
 * strings are not handled here: they end the reply anywhere (TextStream).
 */
export type Segment = 'thought' | 'answer';

export interface SegmentMarkers {
  /** Texts that open a thought (`<think>`). */
  open: readonly string[];
  /** Texts that close it (`</think>`); in the answer they are dropped. */
  close: readonly string[];
  /**
   * Message headers (gpt-oss's Harmony): from any of `starts` to `end` the
   * text names the next message's channel (after `channel`); a thought
   * channel opens a thought, any other the answer. Header text is never shown.
   */
  headers?: { starts: readonly string[]; end: string; channel: string; thoughtChannels: readonly string[] };
}

export type SegmentEmit = (text: string, segment: Segment) => void;

// A header longer than this is not one: its text goes out as answer.
const MAX_HEADER = 256;
const WHITESPACE = /\s/;

export class SegmentStream {
  private state: Segment | 'header';
  private held = '';
  private header = '';
  /** The segment has emitted nothing yet: its leading whitespace is dropped. */
  private fresh: boolean;
  /** Trailing whitespace of a thought, held until more text shows it is not the thought's end. */
  private space = '';
  /** Some thought was emitted: a later thought (Harmony's analysis, then a tool call) is set apart by a blank line. */
  private thoughtShown = false;
  private stopped = false;
  private readonly stops: Set<string>;
  private readonly answerMarkers: string[];
  private readonly thoughtMarkers: string[];
  private readonly maxMarker: number;

  constructor(
    private readonly markers: SegmentMarkers,
    private readonly emit: SegmentEmit,
    options: { startInThought?: boolean; answerStops?: readonly string[] } = {},
  ) {
    const stops = [...new Set((options.answerStops ?? []).filter((s) => s.length > 0))];
    const starts = markers.headers?.starts ?? [];
    this.answerMarkers = [...markers.open, ...markers.close, ...starts, ...stops];
    this.thoughtMarkers = [...markers.close, ...markers.open, ...starts];
    this.stops = new Set(stops);
    this.maxMarker = [...this.answerMarkers, markers.headers?.end ?? ''].reduce((max, m) => Math.max(max, m.length), 0);
    this.state = options.startInThought ? 'thought' : 'answer';
    this.fresh = options.startInThought ?? false;
  }

  get inThought(): boolean {
    return this.state === 'thought';
  }

  /** True once an answer stop string was found: the reply ends there. */
  get hasStopped(): boolean {
    return this.stopped;
  }

  /** Takes the next text of the reply; emits what is safe to show. */
  push(text: string): void {
    if (this.stopped || !text) return;
    let buffer = this.held + text;
    this.held = '';
    for (;;) {
      if (this.state === 'header') {
        const headers = this.markers.headers!;
        const at = buffer.indexOf(headers.end);
        if (at === -1) {
          this.header += buffer;
          if (this.header.length > MAX_HEADER) this.abandonHeader();
          else {
            // The end marker may be split: keep its possible start out of the header for the next push.
            const keep = partialSuffix(this.header, [headers.end]);
            this.held = this.header.slice(this.header.length - keep);
            this.header = this.header.slice(0, this.header.length - keep);
          }
          return;
        }
        this.header += buffer.slice(0, at);
        buffer = buffer.slice(at + headers.end.length);
        this.enter(this.headerChannelIsThought() ? 'thought' : 'answer');
        this.header = '';
        continue;
      }
      const markers = this.state === 'thought' ? this.thoughtMarkers : this.answerMarkers;
      let cut = -1;
      let marker = '';
      for (const m of markers) {
        const at = buffer.indexOf(m);
        if (at !== -1 && (cut === -1 || at < cut || (at === cut && m.length > marker.length))) {
          cut = at;
          marker = m;
        }
      }
      if (cut === -1) {
        const keep = partialSuffix(buffer, markers, this.maxMarker);
        this.held = buffer.slice(buffer.length - keep);
        this.out(buffer.slice(0, buffer.length - keep));
        return;
      }
      this.out(buffer.slice(0, cut));
      buffer = buffer.slice(cut + marker.length);
      if (this.state === 'answer' && this.stops.has(marker)) {
        this.stopped = true;
        return;
      }
      this.onMarker(marker);
    }
  }

  /** Closes an open thought from outside (a thinking budget ran out): what follows is answer. */
  closeThought(): void {
    if (this.state === 'thought') {
      this.flushHeld();
      this.enter('answer');
    }
  }

  /** The reply is over: emits what was held back (a marker's start that never completed is text). */
  flush(): void {
    if (this.stopped) return;
    if (this.state === 'header') this.abandonHeader();
    this.flushHeld();
  }

  private flushHeld(): void {
    const held = this.held;
    this.held = '';
    this.out(held);
  }

  private onMarker(marker: string): void {
    const headers = this.markers.headers;
    if (headers?.starts.includes(marker)) {
      this.header = marker;
      this.state = 'header';
    } else if (this.markers.open.includes(marker)) {
      if (this.state !== 'thought') this.enter('thought');
    } else if (this.state === 'thought') {
      // A close marker; in the answer a close marker is dropped and nothing changes.
      this.enter('answer');
    }
  }

  private enter(state: Segment): void {
    // Whitespace a thought ended with is the separator before its close marker.
    this.space = '';
    this.state = state;
    this.fresh = true;
  }

  private headerChannelIsThought(): boolean {
    const headers = this.markers.headers!;
    const at = this.header.lastIndexOf(headers.channel);
    if (at === -1) return false;
    const name = /^[A-Za-z_]+/.exec(this.header.slice(at + headers.channel.length))?.[0] ?? '';
    return headers.thoughtChannels.includes(name);
  }

  private abandonHeader(): void {
    const text = this.header + this.held;
    this.header = '';
    this.held = '';
    this.state = 'answer';
    this.out(text);
  }

  private out(text: string): void {
    if (!text || this.state === 'header') return;
    let start = 0;
    let separator = '';
    if (this.fresh) {
      while (start < text.length && WHITESPACE.test(text[start]!)) start++;
      if (start === text.length) return;
      this.fresh = false;
      if (this.state === 'thought' && this.thoughtShown) separator = '\n\n';
    }
    if (this.state === 'answer') {
      this.emit(start === 0 ? text : text.slice(start), 'answer');
      return;
    }
    let end = text.length;
    while (end > start && WHITESPACE.test(text[end - 1]!)) end--;
    if (end === start) {
      this.space += text.slice(start);
      return;
    }
    this.emit(separator + this.space + text.slice(start, end), 'thought');
    this.thoughtShown = true;
    this.space = text.slice(end);
  }
}

/** Length of the longest suffix of text that is a proper prefix of one of the markers (checked only where a marker could start). */
function partialSuffix(text: string, markers: readonly string[], maxMarker = Infinity): number {
  const from = Math.max(0, text.length - maxMarker + 1);
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    for (const m of markers) {
      if (m.charCodeAt(0) === c && m.length > text.length - i && m.startsWith(text.slice(i))) return text.length - i;
    }
  }
  return 0;
}
