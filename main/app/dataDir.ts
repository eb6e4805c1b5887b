import os from 'node:os';
import path from 'node:path';

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
