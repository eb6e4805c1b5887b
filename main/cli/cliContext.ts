import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HearthError } from '../contract/index.js';
import { createServices, type Services } from '../app/createServices.js';
import { dataPaths, resolveDataDir } from '../app/dataDir.js';
import { passphraseFor } from '../services/privacy/readPassphrase.js';

/** Thrown for wrong usage: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Standard input, for commands that stream (route --jsonl); default process.stdin. */
  input?: NodeJS.ReadableStream;
  /** Whether `out` is a terminal (escape sequences are stripped from it then); default process.stdout.isTTY. */
  isTty?: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

interface ParsedCommon {
  'data-dir'?: string;
  json: boolean;
  help: boolean;
}
type ParsedValues<O extends Options> = ParsedCommon & {
  [K in keyof O]: O[K] extends { type: 'boolean' } ? boolean : string | undefined;
};

const common = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(argv: string[], options: O): { values: ParsedValues<O>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: { ...common, ...options }, allowPositionals: true, strict: true }) as never;
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
}

export async function withServices<T>(dataDirFlag: string | undefined, fn: (services: Services) => Promise<T>): Promise<T> {
  const dataDir = resolveDataDir(dataDirFlag);
  // An encrypted database needs its passphrase (HEARTH_PASSPHRASE, else a prompt on a terminal); without it createServices fails with LOCKED.
  const databaseKey = await passphraseFor(dataPaths(dataDir).database);
  const services = await createServices({ dataDir, shell: 'browser', databaseKey });
  try {
    return await fn(services);
  } finally {
    await services.dispose();
  }
}

export function requireArg(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

export function toNumber(value: string | undefined, name: string, { integer = false, min = -Infinity } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}, got "${value}"`);
  return n;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

export function formatParams(n: number | null): string {
  if (n === null) return '?';
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  return `${Math.round(n / 1e3)}K`;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

export { HearthError };
