import type { ErrorPayload } from '../../../../main/contract/index.js';
import { t } from '../../i18n/i18n.js';

/**
 * A sentence for the codes a download or fit check can fail with, saying what
 * happened and what to do; the server's own message (with the numbers) is
 * shown under it.
 */
const EXPLAINED = new Set(['OFFLINE', 'DISK_FULL', 'CHECKSUM_MISMATCH', 'DOWNLOAD_FAILED', 'FILE_NOT_FOUND', 'MODEL_INVALID', 'MODEL_EXISTS', 'INVALID_PARAMS', 'ABORTED']);

export function explainError(error: ErrorPayload | { code: string; message: string }): { sentence: string; detail: string | null } {
  if (!EXPLAINED.has(error.code)) return { sentence: error.message, detail: null };
  const sentence = t(`downloadErrors.${error.code}`);
  return { sentence, detail: error.message && error.message !== sentence ? error.message : null };
}
