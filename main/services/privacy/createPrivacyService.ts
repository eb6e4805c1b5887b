import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EncryptionStatus } from '../../contract/privacy.js';
import { HearthError } from '../../contract/errors.js';
import type { EventBus } from '../events/eventBus.js';
import type { Logger } from '../log/createLogger.js';
import { isDatabaseEncrypted } from '../store/openDatabase.js';
import { clearUserTables } from './clearUserTables.js';
import { readEncryptionRequest, writeEncryptionRequest, type DatabaseKey } from './encryptionRequest.js';
import { wipeFiles } from './wipeFiles.js';

export interface PrivacyDeps {
  db: Database;
  dataDir: string;
  paths: { database: string; logs: string; cache: string };
  bus: EventBus;
  logger: Logger;
  /** Stops every reply under way (they would write their text back after the wipe). */
  stopReplies: () => Promise<void>;
  downloads: { list(): Array<{ id: string; state: string }>; cancel(id: string): Promise<unknown> };
  models: { list(): Array<{ id: string }>; remove(id: string, options: { deleteFile: boolean }): Promise<boolean> };
  /** The key this process was given, if any (see DatabaseKey). */
  databaseKey?: DatabaseKey | null;
}

export interface PrivacyService {
  /**
   * Deletes every chat, message, search entry, download record, network log
   * entry, custom profile and edit, document and cache, empties the log, and
   * resets the settings except the privacy ones (offline mode stays as it
   * was). Freed pages are overwritten, the file is vacuumed and the WAL
   * truncated, so none of the text stays readable in any file. With
   * includeModels, models copied or downloaded into Hearth's folder are
   * deleted too; linked model files stay where they are (only forgotten).
   */
  deleteAll(options: { includeModels: boolean }): Promise<{ chats: number; models: number }>;
  encryptionStatus(): EncryptionStatus;
  /** Records the switch; the database is converted, crash-safely, when Hearth next starts (see applyEncryptionRequest). */
  setEncryption(enabled: boolean): EncryptionStatus;
}

const ACTIVE = new Set(['queued', 'downloading', 'paused', 'verifying']);

/**
 * The page-level half of deletion that leaves nothing: every frame of the WAL
 * (which still holds the old pages) is copied into the file and the WAL is cut
 * to zero bytes. Best effort while another process holds a read snapshot.
 */
export function truncateWal(db: Database): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  return (result?.busy ?? 0) === 0;
}

export function createPrivacyService(deps: PrivacyDeps): PrivacyService {
  const { db, logger } = deps;

  function encryptionStatus(): EncryptionStatus {
    const encrypted = isDatabaseEncrypted(deps.paths.database);
    return {
      encrypted,
      keySource: deps.databaseKey?.source ?? null,
      pending: readEncryptionRequest(deps.dataDir),
      canEncrypt: Boolean(deps.databaseKey),
    };
  }

  return {
    async deleteAll({ includeModels }) {
      await deps.stopReplies();
      for (const d of deps.downloads.list()) if (ACTIVE.has(d.state)) await deps.downloads.cancel(d.id);
      let removed = 0;
      // Files first: a model's row is what says whether its file is Hearth's copy (deleted) or a linked original (kept).
      if (includeModels) for (const m of deps.models.list()) if (await deps.models.remove(m.id, { deleteFile: true })) removed++;
      const chats = (db.prepare('SELECT count(*) AS n FROM chats').get() as { n: number }).n;
      const failed = clearUserTables(db, { includeModels });
      truncateWal(db);
      // VACUUM rebuilds the file from live rows only; the second checkpoint drops the WAL it wrote.
      db.exec('VACUUM');
      const clean = truncateWal(db);
      wipeFiles(deps.paths);
      logger.info(`all data deleted (${chats} chats${includeModels ? `, ${removed} models` : ''})${clean ? '' : '; the WAL could not be truncated while another Hearth process reads the database'}`);
      if (failed.length > 0) logger.warn(`delete-all could not clear ${failed.join(', ')}: its extension is not loaded in this process`);
      deps.bus.emit('settings.changed', {});
      deps.bus.emit('models.changed', { reason: 'removed', modelId: null });
      return { chats, models: removed };
    },
    encryptionStatus,
    setEncryption(enabled) {
      if (enabled && !deps.databaseKey) {
        throw new HearthError('LOCKED', 'There is no key to encrypt with. In the desktop app the key is kept in the system keychain, which is not available here; in browser mode and the CLI set HEARTH_PASSPHRASE (or use `hearth encryption on`).');
      }
      const encrypted = isDatabaseEncrypted(deps.paths.database);
      writeEncryptionRequest(deps.dataDir, encrypted === enabled ? null : enabled);
      return encryptionStatus();
    },
  };
}
