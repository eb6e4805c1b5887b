/**
 * `npx tsx scripts/bench/segmentStageBench.ts`: the per-token cost of the
 * generate loop's text stages on Qwen3's real tokenizer (the family fixture),
 * no decode: detokenizing alone, TextStream, and TextStream then
 * SegmentStream with no markers (a family that does not think) and with
 * <think> markers. The segment stage is also timed alone, on the pieces
 * TextStream gives. Medians over repetitions, microseconds per token.
 */
import { getLlama, type Token } from 'node-llama-cpp';
import { SegmentStream, type SegmentMarkers } from '../../main/services/engine/segmentStream.js';
import { TextStream } from '../../main/services/engine/textStream.js';
import { ensureFamilyFixture } from '../../test/families/familyFixture.js';
import { FAMILY_SPECS } from '../../test/families/familySpecs.js';
import { ensureLlamaSource } from '../../test/families/llamaSource.js';

const source = ensureLlamaSource();
if (!source) throw new Error('node-llama-cpp ships no llama.cpp source bundle here: no Qwen3 tokenizer to bench on.');
const llama = await getLlama({ gpu: false });
const model = await llama.loadModel({ modelPath: await ensureFamilyFixture(source, FAMILY_SPECS.find((s) => s.id === 'qwen3')!) });
const body = model.tokenize('The quick brown fox jumps over the lazy dog, then adds 3 + 3 = 6. Ünïcödé ✓ 漢字 text follows. '.repeat(40), false);
const tokens: Token[] = [...model.tokenize('<think>\n', true), ...body, ...model.tokenize('\n</think>\n\n', true), ...body];
const detokenize = (t: readonly number[], last: readonly number[]) => model.detokenize(t as Token[], false, last as Token[]);
const TEMPLATE_STOPS = ['<|im_end|>'];
const USER_STOPS = ['STOP HERE'];
const NONE: SegmentMarkers = { open: [], close: [] };
const THINK: SegmentMarkers = { open: ['<think>'], close: ['</think>'] };

function textStreamOnly(): number {
  const stream = new TextStream(detokenize, [...USER_STOPS, ...TEMPLATE_STOPS]);
  let n = 0;
  for (const t of tokens) n += stream.push(t).text.length;
  return n;
}
function withSegments(markers: SegmentMarkers): () => number {
  return () => {
    const stream = new TextStream(detokenize, TEMPLATE_STOPS);
    let n = 0;
    const segments = new SegmentStream(markers, (text) => void (n += text.length), { answerStops: USER_STOPS });
    for (const t of tokens) {
      const piece = stream.push(t);
      if (piece.text) segments.push(piece.text);
    }
    segments.flush();
    return n;
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
function time(run: () => number, reps: number, perTokens: number): number {
  for (let i = 0; i < 3; i++) run();
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const started = performance.now();
    run();
    samples.push(((performance.now() - started) * 1000) / perTokens);
  }
  return median(samples);
}

const pieces: string[] = [];
const pieceStream = new TextStream(detokenize, TEMPLATE_STOPS);
for (const t of tokens) {
  const piece = pieceStream.push(t);
  if (piece.text) pieces.push(piece.text);
}
const segmentStageOnly = (markers: SegmentMarkers) => () => {
  const segments = new SegmentStream(markers, () => {}, { answerStops: USER_STOPS });
  for (const p of pieces) segments.push(p);
  segments.flush();
  return 0;
};

const rows = {
  'TextStream (stop strings), the loop before segments': time(textStreamOnly, 21, tokens.length),
  'TextStream + SegmentStream, no markers': time(withSegments(NONE), 21, tokens.length),
  'TextStream + SegmentStream, <think> markers': time(withSegments(THINK), 21, tokens.length),
  'SegmentStream alone, no markers': time(segmentStageOnly(NONE), 201, pieces.length),
  'SegmentStream alone, <think> markers': time(segmentStageOnly(THINK), 201, pieces.length),
};
console.log(`${tokens.length} tokens, median µs per token:`);
for (const [name, us] of Object.entries(rows)) console.log(`  ${name.padEnd(52)} ${us.toFixed(3)}`);
await model.dispose();
await llama.dispose();
