import { ensureFixtureModels } from './fixtures.js';

/** Generates the fixture GGUFs once per run, before any test file asks for them. */
export default async function setup(): Promise<void> {
  await ensureFixtureModels();
}
