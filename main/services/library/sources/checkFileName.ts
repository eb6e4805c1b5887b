import { HearthError } from '../../../contract/index.js';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A file name that came from a URL, an `hf:` URI or the catalog becomes a path
 * inside the cache folder. Anything that could point elsewhere (separators,
 * `..`, absolute or drive paths, control characters) or that some OS would
 * treat specially is refused with a clear error: silently rewriting it would
 * hide a crafted source from the user.
 */
export function checkFileName(name: string, from: string): string {
  const problem = fileNameProblem(name);
  if (problem) throw new HearthError('INVALID_PARAMS', `The file name ${JSON.stringify(name)} from ${from} ${problem}; Hearth refuses it rather than guess a safe one.`);
  return name;
}

function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (Buffer.byteLength(name) > 240) return 'is longer than 240 bytes';
  if (name === '.' || name === '..') return 'is a directory reference';
  if (/[/\\]/.test(name)) return 'contains a path separator';
  if (/^[A-Za-z]:/.test(name) || name.includes(':')) return 'contains ":" (a drive or stream name)';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains control characters';
  if (/[<>"|?*]/.test(name)) return 'contains characters not allowed in file names';
  if (name.startsWith('.')) return 'starts with "." (a hidden file)';
  if (/[. ]$/.test(name)) return 'ends with a dot or a space';
  if (WINDOWS_RESERVED.test(name)) return 'is a reserved device name on Windows';
  if (!/\.gguf$/i.test(name)) return 'does not end in .gguf (Hearth downloads GGUF models only)';
  return null;
}
