import fs from 'node:fs';
import type { ReadStream } from 'node:tty';
import { HearthError } from '../../contract/errors.js';
import { isDatabaseEncrypted } from '../store/openDatabase.js';
import type { DatabaseKey } from './encryptionRequest.js';

export interface PassphraseSource {
  env?: NodeJS.ProcessEnv;
  /** A terminal to ask on; without one (a pipe, a service) only HEARTH_PASSPHRASE counts. */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/**
 * Reads a line from the terminal without echoing it. Ctrl+C or Ctrl+D
 * cancels with LOCKED (nothing was opened yet, so nothing changes).
 */
export function promptHidden(question: string, source: PassphraseSource = {}): Promise<string> {
  const input = (source.input ?? process.stdin) as ReadStream;
  const output = source.output ?? process.stderr;
  return new Promise((resolve, reject) => {
    output.write(question);
    const wasRaw = input.isRaw;
    input.setRawMode?.(true);
    input.setEncoding('utf8');
    input.resume();
    let value = '';
    const done = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode?.(wasRaw ?? false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === '\r' || c === '\n') return done(null);
        if (c === '\u0003' || c === '\u0004') return done(new HearthError('LOCKED', 'Cancelled: no passphrase was given, and nothing was changed.'));
        value = c === '\u007f' || c === '\b' ? value.slice(0, -1) : value + c;
      }
    };
    input.on('data', onData);
  });
}

function isTerminal(stream: NodeJS.ReadableStream | undefined): boolean {
  return Boolean((stream as ReadStream | undefined)?.isTTY);
}

/**
 * The key for the CLI and browser mode: HEARTH_PASSPHRASE when set; else,
 * only when the database is encrypted and there is a terminal, a prompt.
 * Null when there is none: opening an encrypted database then fails with a
 * LOCKED error that says how to give it.
 */
export async function passphraseFor(databaseFile: string, source: PassphraseSource = {}): Promise<DatabaseKey | null> {
  const env = source.env ?? process.env;
  if (env.HEARTH_PASSPHRASE) return { secret: env.HEARTH_PASSPHRASE, source: 'passphrase' };
  const input = source.input ?? process.stdin;
  if (!fs.existsSync(databaseFile) || !isDatabaseEncrypted(databaseFile) || !isTerminal(input)) return null;
  const secret = await promptHidden(`Passphrase for ${databaseFile}: `, source);
  return secret ? { secret, source: 'passphrase' } : null;
}

/** A new passphrase: HEARTH_PASSPHRASE, or asked twice on the terminal. */
export async function newPassphrase(source: PassphraseSource = {}): Promise<DatabaseKey> {
  const env = source.env ?? process.env;
  if (env.HEARTH_PASSPHRASE) return { secret: env.HEARTH_PASSPHRASE, source: 'passphrase' };
  if (!isTerminal(source.input ?? process.stdin)) {
    throw new HearthError('LOCKED', 'No passphrase to encrypt with: set HEARTH_PASSPHRASE, or run the command in a terminal to be asked. Nothing was changed.');
  }
  const first = await promptHidden('New passphrase (there is no way to recover the chats without it): ', source);
  if (first.length < 8) throw new HearthError('INVALID_PARAMS', 'The passphrase must be at least 8 characters. Nothing was changed.');
  const second = await promptHidden('Repeat the passphrase: ', source);
  if (first !== second) throw new HearthError('INVALID_PARAMS', 'The two passphrases differ. Nothing was changed; try again.');
  return { secret: first, source: 'passphrase' };
}
