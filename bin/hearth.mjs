#!/usr/bin/env node
// The `hearth` command. Runs the TypeScript sources through tsx's loader, so
// the CLI always matches the checkout and needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
