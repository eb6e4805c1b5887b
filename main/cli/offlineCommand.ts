import { parse, table, toNumber, UsageError, withServices, type Io } from './cliContext.js';
import { terminalIo } from './terminalText.js';

export const OFFLINE_USAGE = `hearth offline on|off|status [--json]   offline mode: while on, nothing in Hearth connects beyond this computer
hearth network log [--limit N] [--json]  every outbound attempt, allowed or blocked, newest first (default 50)`;

const ON_TEXT = 'Offline mode is on: Hearth will not connect to anything, downloads included. Turn it off with `hearth offline off` or in Settings.';
const OFF_TEXT = 'Offline mode is off: Hearth connects only when you ask (model downloads), and logs each attempt (`hearth network log`).';

/** `hearth offline on|off|status`: the same switch as Settings; a running app picks it up within seconds. */
export async function offlineCommand(argv: string[], io: Io): Promise<number> {
  // GGUF strings, file names and model text reach stdout: no escape sequences on a terminal.
  io = terminalIo(io);
  const { values, positionals } = parse(argv, {});
  const [sub, extra] = positionals;
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"\n${OFFLINE_USAGE}`);
  if (sub !== 'on' && sub !== 'off' && sub !== 'status') throw new UsageError(sub ? `unknown offline command "${sub}"\n${OFFLINE_USAGE}` : OFFLINE_USAGE);
  return withServices(values['data-dir'], async ({ store, bus }) => {
    if (sub !== 'status') {
      store.updateSettings({ offline: sub === 'on' });
      bus.emit('settings.changed', {});
    }
    const offline = store.getSettings().offline;
    io.out(values.json ? `${JSON.stringify({ offline })}\n` : `${offline ? ON_TEXT : OFF_TEXT}\n`);
    return 0;
  });
}

/** `hearth network log`: the network log the Library page shows. */
export async function networkCommand(argv: string[], io: Io): Promise<number> {
  // GGUF strings, file names and model text reach stdout: no escape sequences on a terminal.
  io = terminalIo(io);
  const { values, positionals } = parse(argv, { limit: { type: 'string' } });
  const [sub, extra] = positionals;
  if (sub !== 'log' || extra !== undefined) throw new UsageError(sub && sub !== 'log' ? `unknown network command "${sub}"\n${OFFLINE_USAGE}` : OFFLINE_USAGE);
  const limit = toNumber(values.limit, 'limit', { integer: true, min: 1 }) ?? 50;
  return withServices(values['data-dir'], async ({ network }) => {
    const attempts = network.list({ limit });
    if (values.json) io.out(`${JSON.stringify(attempts)}\n`);
    else if (attempts.length === 0) io.out(`No network attempts recorded. Offline mode is ${network.isOffline() ? 'on' : 'off'}.\n`);
    else
      io.out(
        table([
          ['TIME', 'RESULT', 'PURPOSE', 'HOST', 'DETAIL'],
          ...attempts.map((a) => [
            new Date(a.at).toISOString().slice(0, 19).replace('T', ' '),
            a.allowed ? 'allowed' : 'blocked',
            a.purpose,
            a.port === null ? a.host : `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`,
            a.detail,
          ]),
        ]),
      );
    return 0;
  });
}
