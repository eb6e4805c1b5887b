import type { ErrorPayload } from '../../../../main/contract/index.js';

/**
 * A sentence for the codes a download or fit check can fail with, saying what
 * happened and what to do; the server's own message (with the numbers) is
 * shown under it.
 */
const SENTENCES: Record<string, string> = {
  OFFLINE: 'Offline mode is on, so Hearth did not connect. Turn offline mode off at the top of this page to allow downloads.',
  DISK_FULL: 'There is not enough free disk space for this model. Free some space or remove a model you no longer use, then retry.',
  CHECKSUM_MISMATCH: 'The downloaded file did not match its published checksum, so Hearth discarded it. Retry to download it again.',
  DOWNLOAD_FAILED: 'The download could not finish. Check the connection and retry; it continues from where it stopped.',
  FILE_NOT_FOUND: 'The server has no such file. Check the link or pick another quantization.',
  MODEL_INVALID: 'The file is not a usable GGUF model.',
  MODEL_EXISTS: 'This model is already installed.',
  INVALID_PARAMS: 'Hearth cannot download from that address. Use a catalog model, an hf: URI or an https link.',
  ABORTED: 'The download was stopped before it finished.',
};

export function explainError(error: ErrorPayload | { code: string; message: string }): { sentence: string; detail: string | null } {
  const sentence = SENTENCES[error.code];
  if (!sentence) return { sentence: error.message, detail: null };
  return { sentence, detail: error.message && error.message !== sentence ? error.message : null };
}
