import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FoundModel } from '../../../contract/index.js';

export type ForeignApp = FoundModel['app'];

/** Folders other apps keep GGUF models in; each app may have several (old and new layouts). */
export type ForeignRoots = Record<ForeignApp, string[]>;

export interface ForeignModel extends Omit<FoundModel, 'modelId'> {
  /** Ollama names blobs by their SHA-256: the hash the file must have. */
  sha256: string | null;
}

export interface ScanResult {
  found: ForeignModel[];
  /** Files seen and refused: a path or digest that would leave the app's folder, a symlink pointing out, not GGUF. */
  rejected: Array<{ path: string; reason: string }>;
}

const MAX_DEPTH = 6;
const MAX_ENTRIES = 20_000;
const DIGEST = /^sha256[:-]([0-9a-f]{64})$/;

/** The usual places, per OS. Jan moved its data folder between versions; both are looked at. */
export function defaultForeignRoots(home = os.homedir(), env: NodeJS.ProcessEnv = process.env, platform = process.platform): ForeignRoots {
  const appData =
    platform === 'darwin' ? path.join(home, 'Library', 'Application Support') : platform === 'win32' ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming')) : (env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'));
  const janData = path.join(appData, 'Jan', 'data');
  return {
    lmstudio: [path.join(home, '.lmstudio', 'models'), path.join(home, '.cache', 'lm-studio', 'models')],
    jan: [path.join(home, 'jan', 'models'), path.join(janData, 'models'), path.join(janData, 'llamacpp', 'models')],
    ollama: [env.OLLAMA_MODELS ?? path.join(home, '.ollama', 'models')],
  };
}

function realRoot(root: string): string | null {
  try {
    return fs.realpathSync(root);
  } catch {
    return null;
  }
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function isGguf(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const magic = Buffer.alloc(4);
    return fs.readSync(fd, magic, 0, 4, 0) === 4 && magic.toString('latin1') === 'GGUF';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Resolves a candidate file and accepts it only if its real location is inside
 * the root's real location and it is a GGUF: a symlink or a name that points
 * elsewhere is reported, never followed into a model list.
 */
function admit(candidate: string, root: string, result: ScanResult): { real: string; size: number } | null {
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    return null;
  }
  if (!inside(real, root)) {
    result.rejected.push({ path: candidate, reason: `it resolves to ${real}, outside ${root}` });
    return null;
  }
  const stat = fs.statSync(real);
  if (!stat.isFile()) return null;
  if (!isGguf(real)) {
    result.rejected.push({ path: candidate, reason: 'it is not a GGUF file' });
    return null;
  }
  return { real, size: stat.size };
}

/** Every *.gguf under root, no deeper than MAX_DEPTH, without following directory symlinks. */
function walkGguf(root: string): string[] {
  const out: string[] = [];
  let seen = 0;
  const visit = (dir: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full, depth + 1);
      else if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.toLowerCase().endsWith('.gguf')) out.push(full);
    }
  };
  visit(root, 0);
  return out;
}

function scanFolders(app: 'lmstudio' | 'jan', roots: string[], result: ScanResult): void {
  for (const root of roots) {
    const real = realRoot(root);
    if (!real) continue;
    for (const file of walkGguf(real)) {
      const ok = admit(file, real, result);
      if (!ok) continue;
      const rel = path.relative(real, file);
      // LM Studio: publisher/repo/file.gguf; Jan: <model id>/<file>.gguf.
      const name = app === 'jan' && path.dirname(rel) !== '.' ? path.dirname(rel).split(path.sep).join('/') : rel.replace(/\.gguf$/i, '').split(path.sep).join('/');
      result.found.push({ path: ok.real, app, name, sizeBytes: ok.size, sha256: null });
    }
  }
}

/**
 * Ollama: manifests/<host>/<namespace>/<name>/<tag> are JSON listing layers;
 * the one of media type `application/vnd.ollama.image.model` is the GGUF,
 * stored as blobs/sha256-<hex>. The digest is checked to be exactly that
 * shape before it becomes a file name, so a crafted manifest cannot name a
 * path.
 */
function scanOllama(roots: string[], result: ScanResult): void {
  for (const root of roots) {
    const real = realRoot(root);
    if (!real) continue;
    const manifests = path.join(real, 'manifests');
    const files: string[] = [];
    const visit = (dir: string, depth: number) => {
      if (depth > 4) return;
      let entries: fs.Dirent[] = [];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
      } catch {
        return;
      }
      for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) visit(full, depth + 1);
        else if (e.isFile() && depth === 3) files.push(full);
      }
    };
    visit(manifests, 0);
    for (const manifest of files) {
      const [host, namespace, name, tag] = path.relative(manifests, manifest).split(path.sep);
      let layers: Array<{ mediaType?: unknown; digest?: unknown }> = [];
      try {
        const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { layers?: unknown };
        if (Array.isArray(parsed.layers)) layers = parsed.layers as typeof layers;
      } catch {
        result.rejected.push({ path: manifest, reason: 'the manifest is not valid JSON' });
        continue;
      }
      const model = layers.find((l) => l.mediaType === 'application/vnd.ollama.image.model');
      if (!model) continue;
      const digest = DIGEST.exec(String(model.digest));
      if (!digest) {
        result.rejected.push({ path: manifest, reason: `its model digest ${JSON.stringify(model.digest)} is not sha256:<64 hex>` });
        continue;
      }
      const ok = admit(path.join(real, 'blobs', `sha256-${digest[1]}`), real, result);
      if (!ok) continue;
      const display = host === 'registry.ollama.ai' ? (namespace === 'library' ? name : `${namespace}/${name}`) : `${host}/${namespace}/${name}`;
      result.found.push({ path: ok.real, app: 'ollama', name: `${display}:${tag}`, sizeBytes: ok.size, sha256: digest[1]! });
    }
  }
}

/** Finds GGUF models other apps downloaded; nothing is copied or changed. */
export function scanForeignModels(roots: ForeignRoots = defaultForeignRoots()): ScanResult {
  const result: ScanResult = { found: [], rejected: [] };
  scanFolders('lmstudio', roots.lmstudio, result);
  scanFolders('jan', roots.jan, result);
  scanOllama(roots.ollama, result);
  // One file can sit under two roots (a symlinked folder): list it once.
  const unique = new Map<string, ForeignModel>();
  for (const f of result.found) if (!unique.has(f.path)) unique.set(f.path, f);
  return { found: [...unique.values()], rejected: result.rejected };
}
