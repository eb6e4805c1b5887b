import { describe, expect, it } from 'vitest';
import { SegmentStream, type Segment, type SegmentMarkers } from './segmentStream.js';

const THINK: SegmentMarkers = { open: ['<think>'], close: ['</think>'] };
const HARMONY: SegmentMarkers = {
  open: [],
  close: ['<|end|>'],
  headers: { starts: ['<|start|>', '<|channel|>'], end: '<|message|>', channel: '<|channel|>', thoughtChannels: ['analysis', 'commentary'] },
};

function run(markers: SegmentMarkers, pieces: string[], options: { startInThought?: boolean; answerStops?: string[] } = {}) {
  const out: Array<[Segment, string]> = [];
  const stream = new SegmentStream(markers, (text, segment) => out.push([segment, text]), options);
  const afterEach: Array<{ shown: string; inThought: boolean }> = [];
  for (const piece of pieces) {
    const before = out.length;
    stream.push(piece);
    afterEach.push({ shown: out.slice(before).map(([, t]) => t).join(''), inThought: stream.inThought });
  }
  stream.flush();
  const join = (segment: Segment) => out.filter(([s]) => s === segment).map(([, t]) => t).join('');
  return { out, afterEach, thought: join('thought'), answer: join('answer'), stopped: stream.hasStopped };
}

describe('SegmentStream', () => {
  it('splits thought from answer and never emits the markers', () => {
    const r = run(THINK, ['<think>', '\nLet me add.', '\n', '</think>', '\n\n', 'It is 6.']);
    expect(r.thought).toBe('Let me add.');
    expect(r.answer).toBe('It is 6.');
    expect(r.out.map(([s]) => s)).toEqual(['thought', 'answer']);
  });

  it('finds a marker split over pieces, holding back only what may be its start', () => {
    const r = run(THINK, ['<thi', 'nk>Hmm 2<', '3 so </', 'thi', 'nk>Yes']);
    expect(r.thought).toBe('Hmm 2<3 so');
    expect(r.answer).toBe('Yes');
    // "<thi" is held; "2<" holds "<" until "3" shows it is text; "</" and "thi" are held until the marker completes.
    expect(r.afterEach.map((a) => a.shown)).toEqual(['', 'Hmm 2', '<3 so', '', 'Yes']);
  });

  it('emits a marker start that never completes as text, at the end', () => {
    const r = run(THINK, ['a <', 'b', ' c </thi']);
    expect(r.answer).toBe('a <b c </thi');
    expect(r.thought).toBe('');
  });

  it('starts in a thought the prompt opened, and a close marker alone switches to the answer', () => {
    const r = run(THINK, ['\nPlan: add.\n', '</think>', '\n\nSix.'], { startInThought: true });
    expect(r.thought).toBe('Plan: add.');
    expect(r.answer).toBe('Six.');
    expect(r.afterEach[0]!.inThought).toBe(true);
    expect(r.afterEach[1]!.inThought).toBe(false);
  });

  it("drops a close marker in the answer and keeps the answer's own whitespace", () => {
    const r = run(THINK, ['  Indented', '</think>', ' answer']);
    expect(r.answer).toBe('  Indented answer');
  });

  it('ends the answer at a user stop string but not the thought', () => {
    const r = run(THINK, ['<think>I could say STOP here', '</think>', 'Answer ST', 'OP never shown'], { answerStops: ['STOP'] });
    expect(r.thought).toBe('I could say STOP here');
    expect(r.answer).toBe('Answer ');
    expect(r.stopped).toBe(true);
  });

  it('keeps inner whitespace of a thought and drops only what separates it from its markers', () => {
    const r = run(THINK, ['<think>\n\n', 'one\n\n', 'two', '\n\n', '</think>', '\n\nthree']);
    expect(r.thought).toBe('one\n\ntwo');
    expect(r.answer).toBe('three');
  });

  it('closes a thought from outside (a spent budget): held text stays thought, the rest is answer', () => {
    const out: Array<[Segment, string]> = [];
    const stream = new SegmentStream(THINK, (t, s) => out.push([s, t]), { startInThought: true });
    stream.push('thinking and </th');
    stream.closeThought();
    stream.push('\n\nAnswer.');
    stream.flush();
    expect(out).toEqual([
      ['thought', 'thinking and'],
      ['thought', ' </th'],
      ['answer', 'Answer.'],
    ]);
  });

  it('reads Harmony channels: analysis is thought, final is answer, headers are never shown', () => {
    const r = run(HARMONY, ['<|channel|>', 'analysis', '<|message|>', 'User asks 3+3.', '<|end|>', '<|start|>', 'assistant', '<|channel|>', 'final', '<|message|>', '6']);
    expect(r.thought).toBe('User asks 3+3.');
    expect(r.answer).toBe('6');
  });

  it('puts a Harmony tool call (commentary channel) apart from the answer', () => {
    const r = run(HARMONY, ['<|channel|>commentary to=functions.add <|constrain|>json<|message|>{"a":3}', '<|end|>', '<|start|>assistant<|channel|>final<|message|>Six']);
    expect(r.thought).toBe('{"a":3}');
    expect(r.answer).toBe('Six');
    // After an analysis message, the call is a thought of its own, a paragraph apart.
    const both = run(HARMONY, ['<|channel|>analysis<|message|>Need a tool.<|end|>', '<|start|>assistant<|channel|>commentary to=functions.add<|message|>{}']);
    expect(both.thought).toBe('Need a tool.\n\n{}');
  });

  it('shows text with no header as answer, and an endless header as text', () => {
    expect(run(HARMONY, ['Plain answer.']).answer).toBe('Plain answer.');
    const long = `<|channel|>${'x'.repeat(300)}`;
    expect(run(HARMONY, [long]).answer).toBe(long);
  });
});
