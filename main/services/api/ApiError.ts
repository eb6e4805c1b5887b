import { isHearthError, type ErrorCode } from '../../contract/index.js';

export type ApiErrorType = 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'not_found_error' | 'rate_limit_error' | 'server_error';

/** OpenAI's error body: `{error: {message, type, param, code}}`. */
export interface ApiErrorBody {
  error: { message: string; type: ApiErrorType; param: string | null; code: string | null };
}

/** A failure the API answers with an OpenAI-shaped body and an HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly type: ApiErrorType,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ApiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null) => new ApiError(400, 'invalid_request_error', code, message, param);

export const modelNotFound = (message: string) => new ApiError(404, 'invalid_request_error', 'model_not_found', message, 'model');

/** HTTP status, type and code for each Hearth error the services may throw while answering. */
const BY_CODE: Partial<Record<ErrorCode, [number, ApiErrorType, string]>> = {
  INVALID_PARAMS: [400, 'invalid_request_error', 'invalid_request'],
  MODEL_NOT_FOUND: [404, 'invalid_request_error', 'model_not_found'],
  MODEL_INVALID: [400, 'invalid_request_error', 'model_invalid'],
  MODEL_BROKEN: [400, 'invalid_request_error', 'model_broken'],
  MODEL_LOAD_FAILED: [500, 'server_error', 'model_load_failed'],
  INSUFFICIENT_MEMORY: [503, 'server_error', 'insufficient_memory'],
  PROMPT_TOO_LONG: [400, 'invalid_request_error', 'context_length_exceeded'],
  ENGINE_CRASHED: [500, 'server_error', 'engine_crashed'],
  ENGINE_UNAVAILABLE: [503, 'server_error', 'engine_unavailable'],
  BUSY: [429, 'rate_limit_error', 'busy'],
  LOCKED: [503, 'server_error', 'locked'],
};

/** Any error thrown while answering, as the API reports it: Hearth's codes keep their message; anything else is a generic 500. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (isHearthError(error)) {
    const mapped = BY_CODE[error.code];
    if (mapped) return new ApiError(mapped[0], mapped[1], mapped[2], error.message, mapped[2] === 'model_not_found' ? 'model' : null);
  }
  return new ApiError(500, 'server_error', 'internal_error', 'Something went wrong inside Hearth. The details are in its log.');
}
