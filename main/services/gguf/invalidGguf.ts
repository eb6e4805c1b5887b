import path from 'node:path';
import { HearthError } from '../../contract/errors.js';

/** The one shape of every refusal: the file's name, then what is wrong and where. */
export function invalidGguf(file: string, problem: string): HearthError {
  return new HearthError('MODEL_INVALID', `${path.basename(file)} is not a valid GGUF model: ${problem}.`);
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
