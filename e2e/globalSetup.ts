import fs from 'node:fs';
import path from 'node:path';
import { ensureFixtureModels } from '../test/fixtures.js';

export default async function globalSetup(): Promise<void> {
  // Every fixture a spec names (streaming uses 'small'), so the e2e suite also runs on its own on a clean clone.
  await ensureFixtureModels(['tiny', 'small']);
  const index = path.resolve(import.meta.dirname, '../dist/renderer/index.html');
  if (!fs.existsSync(index)) throw new Error('The renderer is not built: run `npm run build` (npm test does it) before the e2e suite.');
}
