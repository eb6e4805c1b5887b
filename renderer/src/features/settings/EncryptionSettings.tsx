import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';

/**
 * The encryption-at-rest switch. The database cannot be swapped under the
 * running app, so a change is recorded and carried out (crash-safely) when
 * Hearth next starts; the line under the switch says so.
 */
export function EncryptionSettings() {
  const { t } = useTranslation();
  const encryption = useHearth((s) => s.encryption);
  const loadEncryption = useHearth((s) => s.loadEncryption);
  const setEncryption = useHearth((s) => s.setEncryption);
  useEffect(() => {
    void loadEncryption();
  }, [loadEncryption]);
  if (!encryption) return null;
  // What the file will be after the next start: the pending switch if any, else what it is now.
  const wanted = encryption.pending ?? encryption.encrypted;
  return (
    <div className="form" data-testid="encryption-settings">
      <p data-testid="encryption-state">{encryption.encrypted ? t('settings.encryption.stateOn') : t('settings.encryption.stateOff')}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={wanted}
          disabled={!wanted && !encryption.canEncrypt}
          onChange={(e) => void setEncryption(e.target.checked)}
          data-testid="encryption-toggle"
        />
        {t('settings.encryption.toggle')}
      </label>
      {encryption.pending !== null && <p className="muted" data-testid="encryption-pending">{t('settings.encryption.pending')}</p>}
      {!encryption.canEncrypt && !encryption.encrypted && <p className="muted">{t('settings.encryption.noKey')}</p>}
    </div>
  );
}
