import { createInterface } from 'node:readline/promises';
import { parse, UsageError, withServices, type Io } from './cliContext.js';

export const DATA_USAGE = `hearth data delete-all [--yes] [--include-models] [--json]
                                         delete every chat, message, search entry, custom profile, download record,
                                         network log entry, document, cache and log line; settings are reset except
                                         offline mode. --include-models also deletes models in Hearth's folder
                                         (linked model files stay where they are)`;

const WORD = 'DELETE';

async function confirmOnTerminal(io: Io): Promise<boolean> {
  const input = io.input ?? process.stdin;
  if (!(input as { isTTY?: boolean }).isTTY) throw new UsageError('refusing to delete without confirmation: add --yes');
  const rl = createInterface({ input, output: process.stderr });
  try {
    return (await rl.question(`Type ${WORD} to delete all your Hearth data: `)).trim() === WORD;
  } finally {
    rl.close();
  }
}

/** `hearth data delete-all`: the same deletion as Settings' "Delete all my data" (the privacy service's deleteAll). */
export async function dataCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { yes: { type: 'boolean', default: false }, 'include-models': { type: 'boolean', default: false } });
  const [sub, extra] = positionals;
  if (sub !== 'delete-all' || extra !== undefined) throw new UsageError(sub && sub !== 'delete-all' ? `unknown data command "${sub}"\n${DATA_USAGE}` : DATA_USAGE);
  if (!values.yes && !(await confirmOnTerminal(io))) {
    io.err('Nothing was deleted.\n');
    return 1;
  }
  return withServices(values['data-dir'], async ({ privacy }) => {
    const result = await privacy.deleteAll({ includeModels: values['include-models'] });
    io.out(
      values.json
        ? `${JSON.stringify(result)}\n`
        : `Deleted ${result.chats} chat(s)${values['include-models'] ? ` and ${result.models} model(s)` : ''}, and everything else Hearth kept about them. Offline mode is as it was.\n`,
    );
    return 0;
  });
}
