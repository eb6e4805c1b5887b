import { describe, expect, it } from 'vitest';
import { createDeltaCoalescer, DELTA_INTERVAL_MS } from './createDeltaCoalescer.js';

function setup(intervalMs?: number) {
  let t = 1000;
  const sent: Array<[number, string]> = [];
  const deltas = createDeltaCoalescer((text) => sent.push([t, text]), { intervalMs, now: () => t });
  return { deltas, sent, advance: (ms: number) => void (t += ms) };
}

describe('createDeltaCoalescer', () => {
  it('sends one message per 50 ms: the measured interval (docs/benchmarks.md), not one per token', () => {
    expect(DELTA_INTERVAL_MS).toBe(50);
    const { deltas, sent, advance } = setup();
    // A 1B model on the CPU: a token every 22 ms, 10 tokens.
    for (let i = 0; i < 10; i++) {
      deltas.push(`t${i} `);
      advance(22);
    }
    deltas.flush();
    expect(sent.map(([, text]) => text).join('')).toBe('t0 t1 t2 t3 t4 t5 t6 t7 t8 t9 ');
    // t0 at once, then t1-t3, t4-t6 and t7-t9, each when 50 ms had passed since the last message.
    expect(sent.map(([, text]) => text)).toEqual(['t0 ', 't1 t2 t3 ', 't4 t5 t6 ', 't7 t8 t9 ']);
    for (let i = 1; i < sent.length; i++) expect(sent[i]![0] - sent[i - 1]![0]).toBeGreaterThanOrEqual(50);
  });

  it('never holds back the first token, nor one that follows a quiet spell', () => {
    const { deltas, sent, advance } = setup();
    deltas.push('Hello');
    expect(sent).toEqual([[1000, 'Hello']]);
    advance(10);
    deltas.push(',');
    expect(sent.length).toBe(1);
    advance(200); // a slow prompt chunk, a tool call: the buffered comma goes with the next token at once
    deltas.push(' world');
    expect(sent.at(-1)).toEqual([1210, ', world']);
  });

  it('flush sends what is buffered once, and nothing when empty', () => {
    const { deltas, sent, advance } = setup();
    deltas.push('a');
    advance(1);
    deltas.push('b');
    deltas.flush();
    deltas.flush();
    expect(sent.map(([, text]) => text)).toEqual(['a', 'b']);
  });

  it('sends every token at once when the interval is 0', () => {
    const { deltas, sent } = setup(0);
    for (const t of ['a', 'b', 'c']) deltas.push(t);
    expect(sent.map(([, text]) => text)).toEqual(['a', 'b', 'c']);
  });

  it('never merges thought and answer: a change of segment sends the buffer first, with its segment', () => {
    let t = 1000;
    const sent: Array<[string, string | undefined]> = [];
    const deltas = createDeltaCoalescer((text, segment) => sent.push([text, segment]), { now: () => t });
    deltas.push('Let me', 'thought');
    t += 5;
    deltas.push(' think', 'thought');
    t += 5;
    deltas.push('Six');
    t += 5;
    deltas.push('.');
    deltas.flush();
    expect(sent).toEqual([
      ['Let me', 'thought'],
      [' think', 'thought'],
      ['Six.', undefined],
    ]);
  });
});
