/**
 * Writes a fixture GGUF model: llama architecture, a real tokenizer, a ChatML
 * template and deterministic random weights. See FIXTURE_USAGE for the flags.
 */
import { FIXTURE_USAGE, parseFixtureArgs } from './fixtures/parseFixtureArgs.js';
import { writeFixtureModel } from './fixtures/writeFixtureModel.js';

async function main(): Promise<number> {
  let args;
  try {
    args = parseFixtureArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`make-fixture-model: ${(error as Error).message} (--help for usage)`);
    return 1;
  }
  if ('help' in args) {
    console.log(FIXTURE_USAGE);
    return 0;
  }
  const started = performance.now();
  try {
    const written = await writeFixtureModel(args.out, args.input);
    const mb = (written.bytes / 1024 / 1024).toFixed(written.bytes < 1024 * 1024 ? 3 : 1);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${written.path} ${written.bytes} bytes (${mb} MiB) in ${seconds} s`);
    return 0;
  } catch (error) {
    console.error(`make-fixture-model: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
