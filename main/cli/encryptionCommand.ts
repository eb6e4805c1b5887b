import fs from 'node:fs';
import { HearthError } from '../contract/index.js';
import { dataPaths, prepareDataDir, resolveDataDir } from '../app/dataDir.js';
import { acquireInstanceLock } from '../app/instanceLock.js';
import { convertDatabase } from '../services/privacy/convertDatabase.js';
import { readEncryptionRequest, writeEncryptionRequest } from '../services/privacy/encryptionRequest.js';
import { newPassphrase, passphraseFor } from '../services/privacy/readPassphrase.js';
import { isDatabaseEncrypted, openDatabase } from '../services/store/openDatabase.js';
import { parse, UsageError, type Io } from './cliContext.js';

export const ENCRYPTION_USAGE = `hearth encryption on|off|status [--json]  encrypt the chat database with a passphrase (HEARTH_PASSPHRASE, else asked), or store it plain again`;

function describe(encrypted: boolean, file: string): string {
  return encrypted
    ? `The database is encrypted (${file}). Every command and browser mode need its passphrase: HEARTH_PASSPHRASE or the prompt.`
    : `The database is not encrypted (${file}). Turn encryption on with \`hearth encryption on\`.`;
}

/**
 * `hearth encryption on|off|status`: converts the database in place,
 * crash-safely (convertDatabase), while no other Hearth process has it open.
 */
export async function encryptionCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {});
  const [sub, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"\n${ENCRYPTION_USAGE}`);
  if (sub !== 'on' && sub !== 'off' && sub !== 'status') throw new UsageError(sub ? `unknown encryption command "${sub}"\n${ENCRYPTION_USAGE}` : ENCRYPTION_USAGE);
  const root = resolveDataDir(values['data-dir']);
  const file = dataPaths(root).database;
  const report = (changed: boolean) => {
    const encrypted = isDatabaseEncrypted(file);
    io.out(values.json ? `${JSON.stringify({ encrypted, changed, pending: readEncryptionRequest(root) })}\n` : `${describe(encrypted, file)}\n`);
    return 0;
  };
  if (sub === 'status') return report(false);

  const want = sub === 'on';
  if (fs.existsSync(file) && isDatabaseEncrypted(file) === want) return report(false);
  prepareDataDir(root);
  const lock = acquireInstanceLock(root);
  if (!lock.held) throw new HearthError('BUSY', `Hearth is running on ${root}. Quit it first (or switch encryption in its Settings); nothing was changed.`);
  try {
    // The current key is checked before a new one is asked for: a wrong one fails here with LOCKED.
    const current = await passphraseFor(file);
    if (!fs.existsSync(file)) openDatabase(file).close();
    else if (isDatabaseEncrypted(file)) openDatabase(file, { key: current?.secret ?? null }).close();
    const next = want ? await newPassphrase() : null;
    convertDatabase({ file, fromKey: current?.secret ?? null, toKey: next?.secret ?? null });
    writeEncryptionRequest(root, null);
  } finally {
    lock.release();
  }
  return report(true);
}
