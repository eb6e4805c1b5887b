import fs from 'node:fs';
import path from 'node:path';
import { convertDatabase } from './convertDatabase.js';
import { PRIVATE_FILE_MODE } from './privateFiles.js';
import { isDatabaseEncrypted } from '../store/openDatabase.js';

/** Where the key comes from: the desktop app's random key kept by the OS keychain, or a passphrase the user typed or set. */
export interface DatabaseKey {
  secret: string;
  source: 'keychain' | 'passphrase';
}

const REQUEST_FILE = 'encryption-request.json';

/** The switch the Settings page flipped while the database was open; applied at the next start. Holds no secret. */
export function readEncryptionRequest(dataDir: string): boolean | null {
  try {
    const value = (JSON.parse(fs.readFileSync(path.join(dataDir, REQUEST_FILE), 'utf8')) as { encrypt?: unknown }).encrypt;
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}

export function writeEncryptionRequest(dataDir: string, encrypt: boolean | null): void {
  const file = path.join(dataDir, REQUEST_FILE);
  if (encrypt === null) fs.rmSync(file, { force: true });
  else fs.writeFileSync(file, `${JSON.stringify({ encrypt })}\n`, { mode: PRIVATE_FILE_MODE });
}

export interface ApplyRequestDeps {
  dataDir: string;
  databaseFile: string;
  key: DatabaseKey | null | undefined;
  log: (level: 'info' | 'warn', message: string) => void;
  nativeBinding?: string;
  /** The data folder's instance lock (main/app/instanceLock): no other Hearth process may have the file open. */
  acquireLock: () => { held: boolean; release(): void };
}

/**
 * At start-up, before anything opens the database: carries out a pending
 * request from Settings. The live database cannot be swapped under the
 * services that hold it, so the conversion (crash-safe, see convertDatabase)
 * runs here, with no connection open and the instance lock held. A request
 * that cannot be carried out (no key, another Hearth running) stays pending
 * and is logged.
 */
export function applyEncryptionRequest(deps: ApplyRequestDeps): 'converted' | 'none' | 'deferred' {
  const wanted = readEncryptionRequest(deps.dataDir);
  if (wanted === null || !fs.existsSync(deps.databaseFile)) {
    if (wanted !== null) writeEncryptionRequest(deps.dataDir, null);
    return 'none';
  }
  const encrypted = isDatabaseEncrypted(deps.databaseFile);
  if (encrypted === wanted) {
    writeEncryptionRequest(deps.dataDir, null);
    return 'none';
  }
  if (!deps.key) {
    deps.log('warn', `the database was not ${wanted ? 'encrypted' : 'decrypted'}: no key is available (set HEARTH_PASSPHRASE); the request stays pending`);
    return 'deferred';
  }
  const lock = deps.acquireLock();
  if (!lock.held) {
    deps.log('warn', 'the database was not converted: another Hearth process has it open; the request stays pending');
    return 'deferred';
  }
  try {
    convertDatabase({ file: deps.databaseFile, fromKey: deps.key.secret, toKey: wanted ? deps.key.secret : null, nativeBinding: deps.nativeBinding });
    writeEncryptionRequest(deps.dataDir, null);
    deps.log('info', `the database is now ${wanted ? 'encrypted' : 'stored without encryption'}`);
    return 'converted';
  } finally {
    lock.release();
  }
}
