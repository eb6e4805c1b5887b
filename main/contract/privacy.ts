import { z } from 'zod';

/**
 * Privacy's part of the contract: encryption at rest. Spread into `methods`
 * (methods.ts). Deleting everything is `data.deleteAll` (methods.ts).
 */

export const EncryptionStatus = z.object({
  /** The database file on disk is encrypted now. */
  encrypted: z.boolean(),
  /** Where this process's key comes from; null when it has none (a plain database, no passphrase given). */
  keySource: z.enum(['keychain', 'passphrase']).nullable(),
  /** A switch waiting for the next start (true: encrypt, false: decrypt); null when none is pending. */
  pending: z.boolean().nullable(),
  /** A key is available, so encryption can be switched on. */
  canEncrypt: z.boolean(),
});
export type EncryptionStatus = z.infer<typeof EncryptionStatus>;

export const privacyMethods = {
  'encryption.status': { params: z.strictObject({}), result: EncryptionStatus },
  /** Records the switch; the database is converted, crash-safely, when Hearth next starts. */
  'encryption.set': { params: z.strictObject({ enabled: z.boolean() }), result: EncryptionStatus },
} as const;
