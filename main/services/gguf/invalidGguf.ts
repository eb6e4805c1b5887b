import path from 'node:path';
import { HearthError } from '../../contract/errors.js';

/** The one shape of every refusal: the file's name, then what is wrong and where. */
export function invalidGguf(file: string, problem: string): HearthError {
  return new HearthError('MODEL_INVALID', `${path.basename(file)} is not a valid GGUF model: ${visible(problem)}.`);
}

/**
 * A refusal quotes names from the file (tensors, tokens) and is printed on
 * terminals and in one-line logs: controls (newlines, escapes) are shown as
 * \uXXXX, never passed on.
 */
function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
