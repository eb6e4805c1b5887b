import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtureModels, fixturePath } from '../fixtures.js';
import { runDurability } from './runDurability.js';

/**
 * A short run of the durability harness: the full 200 kills take minutes
 * (each restart starts the engine process and loads the model again), so
 * they run as `npm run stress` (scripts/stress-durability.ts).
 */
let dataDir: string;
beforeAll(async () => {
  await ensureFixtureModels(['small']);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-durability-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('SIGKILL during streaming', () => {
  it('keeps the database intact, every acknowledged message, and the streamed text up to the last save', { timeout: 300_000 }, async () => {
    const report = await runDurability({ kills: 6, seed: 7, engineShare: 1 / 3, dataDir, modelPath: fixturePath('small') });
    expect(report.violations).toEqual([]);
    expect(report).toMatchObject({ kills: 6, appKills: 4, engineKills: 2, orphanedEngines: 0 });
    expect(report.acknowledged).toBeGreaterThanOrEqual(5);
    // Both kinds of kill left their mark: engine kills store failed replies, and every reply is accounted for.
    expect(report.statuses.error).toBeGreaterThanOrEqual(1);
    expect(Object.values(report.statuses).reduce((a, b) => a + b, 0)).toBe(report.acknowledged);
  });
});
