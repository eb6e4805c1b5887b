import { describe, expect, it } from 'vitest';
import { loadCatalog } from './loadCatalog.js';
import { checkLicenceAccepted, licenceNoticeLines } from './checkLicenceAccepted.js';

describe('checkLicenceAccepted', () => {
  const entries = loadCatalog();
  const gemma = entries.find((e) => e.id === 'gemma-3-1b-it')!;
  const qwen = entries.find((e) => e.id === 'qwen3-0.6b')!;

  it('refuses a restricted entry until its licence is accepted, naming the terms and the way out', () => {
    expect(() => checkLicenceAccepted(gemma, undefined)).toThrow(/Gemma Terms of Use.*https:\/\/ai\.google\.dev\/gemma\/terms.*--accept-licence/);
    expect(() => checkLicenceAccepted(gemma, false)).toThrow(/Accept and download/);
    expect(() => checkLicenceAccepted(gemma, true)).not.toThrow();
  });

  it('lets an entry without a restricting licence through with no acceptance', () => {
    expect(() => checkLicenceAccepted(qwen, undefined)).not.toThrow();
    expect(licenceNoticeLines(qwen)).toEqual([]);
  });

  it('gives the CLI the licence, the notice and the address to print', () => {
    const lines = licenceNoticeLines(gemma);
    expect(lines[0]).toBe('Gemma 3 1B it: Gemma Terms of Use');
    expect(lines).toContain('Terms: https://ai.google.dev/gemma/terms');
    const research = entries.find((e) => e.id === 'qwen2.5-3b-instruct')!;
    expect(licenceNoticeLines(research).join('\n')).toMatch(/restricts commercial use/);
  });
});
