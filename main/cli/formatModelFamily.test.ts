import { describe, expect, it } from 'vitest';
import { familyLines } from './formatModelFamily.js';

const base = { architecture: 'qwen3', chatWrapper: null, templateFallback: null, thinking: 'hybrid' as const, tools: true, trainedContext: 40960, contextUsed: 8192, licence: 'Apache-2.0', catalogId: 'qwen3-4b' };

describe('familyLines', () => {
  it('prints the family, wrapper, thinking, tools, both contexts and the licence', () => {
    expect(Object.fromEntries(familyLines(base))).toEqual({
      family: 'qwen3',
      'chat wrapper': 'resolved when loaded',
      thinks: 'yes, by default (can be switched off)',
      tools: 'yes',
      'trained context': '40960 tokens',
      'context used': '8192 tokens',
      licence: 'Apache-2.0',
    });
  });

  it('says when the template is not used, and what is not known', () => {
    const lines = Object.fromEntries(familyLines({ ...base, chatWrapper: 'Plain', templateFallback: 'its chat template is not used (x); replies use plain text', thinking: null, tools: null, contextUsed: null, licence: null }));
    expect(lines['chat wrapper']).toBe('Plain (fallback: its chat template is not used (x); replies use plain text)');
    expect(lines.thinks).toBe('not stated');
    expect(lines['context used']).toBe('decided when loaded');
    expect(lines.licence).toMatch(/not stated/);
  });
});
