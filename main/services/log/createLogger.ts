import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_FILE_MODE } from '../privacy/privateFiles.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LoggerOptions {
  /** Append-only log file; the directory is created. Null: no file. */
  file: string | null;
  level?: LogLevel;
  /** Also echo to stderr (HEARTH_DEBUG=1); the CLI keeps its own output clean otherwise. */
  echo?: boolean;
}

/**
 * Lines go to the file synchronously: a crash right after a log line must not
 * lose it. Callers never log what the user wrote (messages, prompts, titles,
 * document text): only ids, counts, model names and error codes, so deleting a
 * chat never leaves its words in the log.
 */
export function createLogger({ file, level = 'info', echo = false }: LoggerOptions): Logger {
  let fd: number | null = null;
  if (file) {
    try {
      // Only the user may read the log: it names models, folders and errors (never message text; see below).
      ensurePrivateDir(path.dirname(file));
      fd = fs.openSync(file, 'a', PRIVATE_FILE_MODE);
      ensurePrivateFile(file);
    } catch {
      fd = null; // a read-only data dir must not stop the app; logging is best effort
    }
  }
  const min = ORDER[level];
  const log = (lvl: LogLevel, message: string) => {
    if (ORDER[lvl] < min) return;
    const line = `${new Date().toISOString()} ${lvl.toUpperCase()} ${message}\n`;
    if (fd !== null) {
      try {
        fs.writeSync(fd, line);
      } catch {
        /* disk full: keep running, the chat data matters more than the log */
      }
    }
    if (echo) process.stderr.write(line);
  };
  return {
    log,
    debug: (m) => log('debug', m),
    info: (m) => log('info', m),
    warn: (m) => log('warn', m),
    error: (m) => log('error', m),
  };
}

export const silentLogger: Logger = createLogger({ file: null, level: 'error' });
