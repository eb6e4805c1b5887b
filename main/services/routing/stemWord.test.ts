import { describe, expect, it } from 'vitest';
import { stemWord } from './stemWord.js';

describe('stemWord (Porter)', () => {
  // Pairs from Porter's paper and the reference vocabulary.
  const cases: Array<[string, string]> = [
    ['caresses', 'caress'], ['ponies', 'poni'], ['cats', 'cat'], ['feed', 'feed'], ['agreed', 'agre'],
    ['plastered', 'plaster'], ['motoring', 'motor'], ['sing', 'sing'], ['conflated', 'conflat'], ['troubled', 'troubl'],
    ['sized', 'size'], ['hopping', 'hop'], ['falling', 'fall'], ['filing', 'file'], ['happy', 'happi'],
    ['relational', 'relat'], ['conditional', 'condit'], ['digitizer', 'digit'], ['operator', 'oper'],
    ['generalization', 'gener'], ['hopefulness', 'hope'], ['triplicate', 'triplic'], ['electrical', 'electr'],
    ['revival', 'reviv'], ['adjustment', 'adjust'], ['adoption', 'adopt'], ['probate', 'probat'], ['controll', 'control'],
    ['symptoms', 'symptom'], ['managing', 'manag'], ['manager', 'manag'], ['management', 'manag'],
  ];
  for (const [word, stem] of cases) it(`${word} -> ${stem}`, () => expect(stemWord(word)).toBe(stem));

  it('leaves short words, numbers and mixed tokens alone', () => {
    expect(stemWord('is')).toBe('is');
    expect(stemWord('2024')).toBe('2024');
    expect(stemWord('c++')).toBe('c++');
    expect(stemWord('utf8')).toBe('utf8');
  });
});
