import { HearthError } from '../contract/index.js';
import { parse, table, toNumber, UsageError, withServices, type Io } from './cliContext.js';
import { terminalIo } from './terminalText.js';
import { waitForStopSignal } from '../services/process/waitForStopSignal.js';

export const API_USAGE = `hearth api serve [--port N] [--host H]     the local OpenAI-compatible API until Ctrl-C (default 127.0.0.1 and the
                                           port in Settings, 1338); another host exposes it to the network
hearth api keys create <name> [--json]     a key for a tool (printed once; only its hash is kept)
hearth api keys list [--json]              the keys, without their secrets
hearth api keys revoke <name|id>           the key stops working at once
hearth api log [--limit N] [--json]        the request log, newest first (default 50)`;

const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().slice(0, 19).replace('T', ' '));

/** `hearth api ...`: the local API headless, its keys and its request log. */
export async function apiCommand(argv: string[], io: Io): Promise<number> {
  io = terminalIo(io);
  // The sub-command is the first word that is not a flag (or --data-dir's value): `hearth api --data-dir D keys list` works too.
  let at = 0;
  while (at < argv.length && argv[at]!.startsWith('-')) at += argv[at] === '--data-dir' ? 2 : 1;
  const sub = argv[at];
  const rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  if (sub === 'serve') return serve(rest, io);
  if (sub === 'keys') return keys(rest, io);
  if (sub === 'log') return log(rest, io);
  throw new UsageError(sub && sub !== '--help' && sub !== '-h' ? `unknown api command "${sub}"\n${API_USAGE}` : API_USAGE);
}

async function serve(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { port: { type: 'string' }, host: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"\n${API_USAGE}`);
  const port = toNumber(values.port, 'port', { integer: true, min: 0 });
  if (port !== undefined && port > 65535) throw new UsageError(`--port must be from 0 to 65535, got ${port}`);
  return withServices(values['data-dir'], async ({ api }) => {
    const status = await api.serve({ host: values.host, port });
    if (!status.running) throw new HearthError('BUSY', status.error ?? 'The local API could not start.');
    if (status.exposed) io.err(`Warning: the API listens on ${values.host}, which other machines can reach. Every request needs a key; keep them secret.\n`);
    io.out(`Hearth's local API is running at ${status.url}\n`);
    io.out(`Clients send "Authorization: Bearer <key>"; make a key with \`hearth api keys create <name>\`. Ctrl-C stops.\n`);
    await waitForStopSignal();
    io.out('Stopping: open requests are cut, then the engine stops.\n');
    await api.stop();
    return 0;
  });
}

async function keys(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {});
  const [action, name, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"\n${API_USAGE}`);
  return withServices(values['data-dir'], async ({ api }) => {
    if (action === 'create') {
      if (!name) throw new UsageError('missing the key\'s name: hearth api keys create <name>');
      const created = api.keys.create(name);
      if (values.json) io.out(`${JSON.stringify(created)}\n`);
      else io.out(`${created.key}\nKey "${created.name}" created. It is shown only now: put it where your tool reads it.\n`);
      return 0;
    }
    if (action === 'list') {
      const list = api.keys.list();
      if (values.json) io.out(`${JSON.stringify(list)}\n`);
      else if (list.length === 0) io.out('No API keys yet. Make one with `hearth api keys create <name>`.\n');
      else io.out(table([['NAME', 'ID', 'KEY', 'CREATED', 'LAST USED'], ...list.map((k) => [k.name, k.id, k.prefix, when(k.createdAt), when(k.lastUsedAt)])]));
      return 0;
    }
    if (action === 'revoke') {
      if (!name) throw new UsageError('missing the key: hearth api keys revoke <name|id>');
      if (!api.keys.revoke(name)) throw new HearthError('NOT_FOUND', `There is no API key named or with id "${name}". \`hearth api keys list\` shows them.`);
      io.out(`Key "${name}" revoked: requests with it are refused from now on.\n`);
      return 0;
    }
    throw new UsageError(action ? `unknown keys command "${action}"\n${API_USAGE}` : API_USAGE);
  });
}

async function log(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { limit: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"\n${API_USAGE}`);
  const limit = toNumber(values.limit, 'limit', { integer: true, min: 1 }) ?? 50;
  return withServices(values['data-dir'], async ({ api }) => {
    const entries = api.log({ limit });
    if (values.json) io.out(`${JSON.stringify(entries)}\n`);
    else if (entries.length === 0) io.out('No API requests logged.\n');
    else
      io.out(
        table([
          ['TIME', 'KEY', 'REQUEST', 'MODEL', 'TOKENS', 'STATUS', 'MS', 'NOTE'],
          ...entries.map((e) => [when(e.at), e.keyName ?? '-', `${e.method} ${e.endpoint}`, e.model ?? '-', e.promptTokens === null ? '-' : `${e.promptTokens}+${e.completionTokens ?? 0}`, String(e.status), String(Math.round(e.durationMs)), e.note ?? '']),
        ]),
      );
    return 0;
  });
}

