import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGgufHeader } from '../main/services/gguf/readGgufHeader.js';
import { createRng } from '../scripts/fixtures/createRng.js';
import { englishProse } from './englishProse.js';

const STORIES_MODEL = process.env.HEARTH_STORIES_MODEL ?? '/work/shared/models/stories260K.gguf';

/** What the stories model writes (TinyStories style), and ordinary English. */
const PROSE = [
  'Once upon a time, there was a little girl named Lily. She loved to play in the park with her mom. One day, she saw a big red ball under a tree. She ran to the ball and picked it up. Lily was very happy.',
  'Tim and his dog went to the park. They played with a ball all day. When the sun went down, Tim was tired, so they went home and had a good night.',
  'The meeting is moved to Thursday because the room is booked. Please tell the team and bring the notes from last week.',
];

/** The check this replaced: more than 15 words, more than 4 of them in a short list. */
const oldCheck = (text: string) => {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const common = ['the', 'a', 'was', 'she', 'he', 'and', 'to', 'there', 'little', 'day', 'one', 'her', 'they', 'it'];
  return words.length > 15 && words.filter((w) => common.includes(w)).length > 4;
};

/** What a random-weight model emits: tokens of the vocabulary drawn uniformly, decoded as llama.cpp decodes SentencePiece pieces. */
function randomTokens(vocabulary: string[], count: number, seed: number): string {
  const rng = createRng(seed, 1);
  const pieces = vocabulary.filter((t) => !/^<.*>$/.test(t));
  let text = '';
  for (let i = 0; i < count; i++) text += pieces[rng.nextU32() % pieces.length]!;
  return text.replace(/▁/g, ' ').trim();
}

describe('englishProse', () => {
  it.each(PROSE)('accepts English prose: %s', (text) => {
    expect(englishProse(text)).toMatchObject({ ok: true });
  });

  it('refuses too little text, and lists of words that are not sentences', () => {
    expect(englishProse('the cat and the dog').ok).toBe(false);
    expect(englishProse('zorp klin vasht dree plon quib snark blen trof wizzle mank drob ferl quon staz plib').ok).toBe(false);
  });

  it.skipIf(!fs.existsSync(STORIES_MODEL))('refuses random tokens of the stories model\'s own vocabulary, which the old check accepted', async () => {
    const header = await readGgufHeader(STORIES_MODEL);
    const vocabulary = header.metadata.get('tokenizer.ggml.tokens') as string[];
    expect(vocabulary.length).toBeGreaterThan(100);
    const samples = Array.from({ length: 50 }, (_, seed) => randomTokens(vocabulary, 60, seed + 1));
    expect(samples.filter((s) => englishProse(s).ok)).toEqual([]);
    // The weakness this fixes: the old criterion passed random text.
    expect(samples.filter(oldCheck).length).toBeGreaterThan(0);
  });
});
