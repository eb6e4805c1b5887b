import type { Handlers } from '../rpc/handlers.js';
import type { PrivacyService } from '../services/privacy/createPrivacyService.js';

/** Privacy's methods (contract/privacy.ts) and data.deleteAll, each one line onto the privacy service. */
export function createPrivacyHandlers(privacy: PrivacyService): Pick<Handlers, 'encryption.status' | 'encryption.set' | 'data.deleteAll'> {
  return {
    'encryption.status': () => privacy.encryptionStatus(),
    'encryption.set': ({ enabled }) => privacy.setEncryption(enabled),
    'data.deleteAll': ({ includeModels }) => privacy.deleteAll({ includeModels }),
  };
}
