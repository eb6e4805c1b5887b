/** Paths typed or pasted one per line (or separated by blank lines); surrounding quotes, as file managers copy them, are dropped. */
export function splitPaths(text: string): string[] {
  const paths = text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^(['"])(.*)\1$/, '$2').trim())
    .filter((line) => line.length > 0);
  return [...new Set(paths)];
}

/** The last part of a path, whichever separator it uses. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** A path is absolute on POSIX (/...) or Windows (C:\..., \\server\...). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}
