import { forTerminal } from './terminalText.js';
import { isHearthError } from '../contract/index.js';
import { apiCommand, API_USAGE } from './apiCommand.js';
import { chatCommand, CHAT_USAGE } from './chatCommand.js';
import { chatsCommand, CHATS_USAGE } from './chatsCommand.js';
import { processIo, UsageError, type Io } from './cliContext.js';
import { docsCommand, DOCS_USAGE } from './docsCommand.js';
import { dataCommand, DATA_USAGE } from './dataCommand.js';
import { encryptionCommand, ENCRYPTION_USAGE } from './encryptionCommand.js';
import { modelsCommand, MODELS_USAGE } from './modelsCommand.js';
import { networkCommand, offlineCommand, OFFLINE_USAGE } from './offlineCommand.js';
import { routeCommand, ROUTE_USAGE } from './routeCommand.js';

const USAGE = `Hearth: private, offline AI chat with local GGUF models.

Usage: hearth <command> [options]        (every command takes --data-dir DIR; else HEARTH_DATA_DIR; else the app's data folder)

${MODELS_USAGE}

${CHAT_USAGE}

${CHATS_USAGE}

${OFFLINE_USAGE}

${ENCRYPTION_USAGE}

${DATA_USAGE}

${ROUTE_USAGE}

${DOCS_USAGE}

${API_USAGE}

hearth serve [--port N] [--open]          run Hearth in the browser (127.0.0.1 only)
`;

type Command = (argv: string[], io: Io) => Promise<number>;

async function serveCommand(argv: string[]): Promise<number> {
  // Loaded only for this command: the server pulls in ws and the static host.
  const { serveFromCli } = await import('../server.js');
  return serveFromCli(argv);
}

const commands: Record<string, Command> = { models: modelsCommand, chat: chatCommand, chats: chatsCommand, serve: serveCommand, offline: offlineCommand, network: networkCommand, encryption: encryptionCommand, data: dataCommand, route: routeCommand, docs: (argv, io) => docsCommand(argv, io), api: apiCommand };

/** Runs one command; expected failures become one line on stderr and a non-zero exit, never a stack trace. */
export async function runCli(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`hearth: unknown command "${name}". Run \`hearth --help\` for the list.\n`);
    return 2;
  }
  // Error messages quote file contents (GGUF names, paths): no terminal escapes reach a TTY's stderr either.
  const tty = process.stderr.isTTY === true;
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`hearth ${name}: ${forTerminal(error.message, tty)}\n`);
      return 2;
    }
    if (isHearthError(error)) {
      io.err(`hearth: ${forTerminal(error.message, tty)}\n`);
      return 1;
    }
    io.err(`hearth: unexpected error: ${forTerminal((error as Error)?.message ?? String(error), tty)}. Run with HEARTH_DEBUG=1 for details.\n`);
    if (process.env.HEARTH_DEBUG === '1') io.err(`${(error as Error)?.stack}\n`);
    return 1;
  }
}
