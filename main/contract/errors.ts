/**
 * Error codes the UI and CLI can act on. Every failure that crosses a
 * boundary (IPC, WebSocket, CLI exit) carries one of these codes and a
 * message that names the values involved and the way out. Stacks never cross.
 */
export const ERROR_CODES = [
  'INVALID_PARAMS',
  'UNKNOWN_METHOD',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CHAT_NOT_FOUND',
  'MESSAGE_NOT_FOUND',
  'MODEL_NOT_FOUND',
  'MODEL_INVALID',
  /** Loading the model crashed the engine; it is not used until `models.verify` passes. */
  'MODEL_BROKEN',
  'MODEL_LOAD_FAILED',
  'MODEL_EXISTS',
  'INSUFFICIENT_MEMORY',
  /** The prompt (system prompt and last message) does not fit the model's context. */
  'PROMPT_TOO_LONG',
  'ENGINE_CRASHED',
  'ENGINE_UNAVAILABLE',
  'BUSY',
  'ABORTED',
  'OFFLINE',
  'DOWNLOAD_FAILED',
  'CHECKSUM_MISMATCH',
  'DISK_FULL',
  'DB_FROM_FUTURE',
  'DB_CORRUPT',
  /** The database is encrypted and no key, or a wrong one, was given: nothing was read or changed. */
  'LOCKED',
  'FILE_NOT_FOUND',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
}

export class HearthError extends Error {
  override readonly name = 'HearthError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message };
  }
}

export function isHearthError(value: unknown): value is HearthError {
  return value instanceof HearthError;
}

const codeSet: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && codeSet.has(value);
}

/**
 * Turns anything thrown into a payload safe to send: known errors keep their
 * code and message, unknown ones become INTERNAL with a generic message (the
 * original is for the log, not for the renderer).
 */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (isHearthError(error)) return error.toPayload();
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    if (isErrorCode(code) && typeof message === 'string') return { code, message };
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Hearth. The details are in the log.' };
}

/** Rebuilds a HearthError from a payload received over a transport. */
export function fromErrorPayload(payload: ErrorPayload): HearthError {
  return new HearthError(isErrorCode(payload.code) ? payload.code : 'INTERNAL', payload.message);
}
