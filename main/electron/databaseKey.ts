import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseKey } from '../services/privacy/encryptionRequest.js';
import { PRIVATE_FILE_MODE } from '../services/privacy/privateFiles.js';

/** The part of Electron's safeStorage this needs (a fake in tests). */
export interface KeyVault {
  isEncryptionAvailable(): boolean;
  /** Linux only: 'basic_text' means no keyring, the "encryption" is a fixed key in Chromium's source. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const KEY_FILE = 'database-key.bin';

/**
 * The desktop app's database key: 32 random bytes, stored in the data folder
 * only as the OS keychain's ciphertext (Keychain on macOS, DPAPI on Windows,
 * the Secret Service or KWallet on Linux), so nothing changes for the user
 * day to day and a copy of the folder alone does not open the database.
 * HEARTH_PASSPHRASE, when set, wins (a database encrypted from the CLI).
 * Null where no real keychain exists: encryption then needs a passphrase.
 */
export function databaseKeyFor(dataDir: string, vault: KeyVault, env: NodeJS.ProcessEnv = process.env): DatabaseKey | null {
  if (env.HEARTH_PASSPHRASE) return { secret: env.HEARTH_PASSPHRASE, source: 'passphrase' };
  if (!vault.isEncryptionAvailable() || vault.getSelectedStorageBackend?.() === 'basic_text') return null;
  const file = path.join(dataDir, KEY_FILE);
  if (fs.existsSync(file)) return { secret: vault.decryptString(fs.readFileSync(file)), source: 'keychain' };
  const secret = randomBytes(32).toString('hex');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // wx: two starts racing must not each write a different key.
  try {
    fs.writeFileSync(file, vault.encryptString(secret), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { secret: vault.decryptString(fs.readFileSync(file)), source: 'keychain' };
    throw error;
  }
  return { secret, source: 'keychain' };
}
