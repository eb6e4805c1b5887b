import os from 'node:os';
import path from 'node:path';
import { ensurePrivateDir, tightenTree } from '../services/privacy/privateFiles.js';

/** Must match Electron's app.getPath('userData') for productName "Hearth", so the CLI and the app share data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Hearth');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Hearth');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Hearth');
  }
}

/** --data-dir wins, then HEARTH_DATA_DIR, then the per-OS app-data folder. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag ?? env.HEARTH_DATA_DIR;
  return chosen ? path.resolve(chosen) : defaultDataDir(env);
}

export interface DataPaths {
  root: string;
  database: string;
  models: string;
  logs: string;
}

export function dataPaths(root: string): DataPaths {
  return {
    root,
    database: path.join(root, 'hearth.db'),
    models: path.join(root, 'models'),
    logs: path.join(root, 'logs'),
  };
}

/**
 * Makes the data folder private on every front (Electron, browser mode, the
 * CLI, HEARTH_DATA_DIR): the folder and its logs, cache and models folders
 * 0700, the files directly in them 0600. A folder an older Hearth created
 * 0755 (or a user made by hand) is tightened, and the log says so once.
 * Called by createServices before anything is opened.
 */
export function prepareDataDir(root: string, log?: (message: string) => void): DataPaths {
  const paths = dataPaths(root);
  const changed = [...tightenTree(root), ...[paths.logs, path.join(root, 'cache'), paths.models].flatMap((dir) => tightenTree(dir))];
  for (const dir of [root, paths.logs, path.join(root, 'cache'), paths.models]) ensurePrivateDir(dir);
  if (changed.length > 0) log?.(`made ${changed.length} path(s) in ${root} readable by this user only (they were readable by others): ${changed.map((p) => path.relative(root, p) || '.').join(', ')}`);
  return paths;
}
