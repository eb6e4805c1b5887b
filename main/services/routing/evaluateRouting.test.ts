import { describe, expect, it } from 'vitest';
import { accuracyBy, evaluateRouting, formatAccuracyBy, formatEvaluation } from './evaluateRouting.js';

describe('evaluateRouting', () => {
  it('computes accuracy, per-domain precision/recall/F1, macro-F1 and the confusion matrix', () => {
    const gold = ['a', 'a', 'a', 'b', 'b', 'c'];
    const predicted = ['a', 'a', 'b', 'b', 'c', 'c'];
    const e = evaluateRouting(gold, predicted);
    expect(e.accuracy).toBeCloseTo(4 / 6);
    expect(e.perDomain.a).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(e.perDomain.b!.precision).toBeCloseTo(0.5);
    expect(e.perDomain.c).toMatchObject({ precision: 0.5, recall: 1, support: 1 });
    expect(e.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3);
    expect(e.confusion).toEqual({ a: { a: 2, b: 1, c: 0 }, b: { a: 0, b: 1, c: 1 }, c: { a: 0, b: 0, c: 1 } });
    expect(formatEvaluation(e)).toMatch(/accuracy 0\.667 {2}macro-F1 0\.656/);
  });

  it('counts a label only ever predicted in the matrix but not in macro-F1', () => {
    const e = evaluateRouting(['a', 'a'], ['a', 'z']);
    expect(e.labels).toEqual(['a', 'z']);
    expect(e.macroF1).toBeCloseTo(2 / 3);
    expect(() => evaluateRouting(['a'], [])).toThrow();
  });

  it('breaks accuracy down per group (language, kind) in order of first appearance', () => {
    const groups = ['es', 'es', 'hi', 'es', 'hi'];
    const by = accuracyBy(groups, ['a', 'b', 'a', 'c', 'b'], ['a', 'b', 'b', 'a', 'b']);
    expect(Object.keys(by)).toEqual(['es', 'hi']);
    expect(by.es).toEqual({ total: 3, correct: 2, accuracy: 2 / 3 });
    expect(by.hi).toEqual({ total: 2, correct: 1, accuracy: 0.5 });
    expect(formatAccuracyBy('language', by)).toBe('language  accuracy  messages\nes           0.667         3\nhi           0.500         2\n');
    expect(() => accuracyBy(['es'], ['a', 'b'], ['a', 'b'])).toThrow(/1 groups, 2 gold/);
  });
});
