import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConversionKills } from './runConversionKills.js';

describe('encryption conversion under SIGKILL', () => {
  // The short version of `npm run stress -- --conversion-kills N` (scripts/stress-durability.ts).
  it('leaves the database whole, old or new, after kills at random moments', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-convert-kills-'));
    try {
      const report = await runConversionKills({ kills: 6, dataDir, seed: 7, messages: 1500 });
      expect(report.violations).toEqual([]);
      expect(report.kills).toBe(6);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
