import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../main/contract/index.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Icon } from '../../components/Icon.js';
import { useHearth } from '../../store/StoreContext.js';
import { ProfileEditor } from './ProfileEditor.js';
import { GENERAL } from './profileLook.js';

type Pending = { kind: 'edit'; profile: Profile | null } | { kind: 'reset' | 'delete'; profile: Profile } | null;

/** Every profile with its state, and the ways to change it: edit, add, disable, reset a built-in, delete a custom one. */
export function ProfileList() {
  const { t } = useTranslation();
  const profiles = useHearth((s) => s.profiles);
  const updateProfile = useHearth((s) => s.updateProfile);
  const resetProfile = useHearth((s) => s.resetProfile);
  const deleteProfile = useHearth((s) => s.deleteProfile);
  const reportError = useHearth((s) => s.reportError);
  const [pending, setPending] = useState<Pending>(null);

  async function toggle(profile: Profile, enabled: boolean) {
    const r = await updateProfile(profile.id, { enabled });
    if (!r.ok) reportError(new Error(r.message));
  }

  return (
    <>
      <ul className="profile-list" data-testid="profile-list">
        {profiles.map((p) => (
          <li key={p.id} className={`profile-item ${p.enabled ? '' : 'profile-disabled'}`} data-testid="profile-item" data-profile-id={p.id} data-enabled={p.enabled}>
            <span className="profile-swatch" style={{ background: p.color }} aria-hidden="true">
              {p.icon}
            </span>
            <div className="profile-main">
              <div className="profile-name">
                <strong>{p.name}</strong>
                <span className="badge">{p.builtIn ? t('routing.profiles.builtIn') : t('routing.profiles.custom')}</span>
                {p.modified && <span className="badge">{t('routing.profiles.edited')}</span>}
                {!p.enabled && <span className="badge">{t('routing.profiles.disabled')}</span>}
              </div>
              <p className="profile-description muted">{p.description}</p>
            </div>
            <div className="profile-actions">
              <label className="checkbox" title={p.id === GENERAL ? t('routing.profiles.generalStaysOn') : p.enabled ? t('routing.profiles.autoCan') : t('routing.profiles.autoSkips')}>
                <input type="checkbox" checked={p.enabled} disabled={p.id === GENERAL} onChange={(e) => void toggle(p, e.target.checked)} data-testid="profile-toggle" aria-label={t('routing.profiles.enabledName', { name: p.name })} />
                {t('routing.profiles.enabled')}
              </label>
              <button type="button" className="button" onClick={() => setPending({ kind: 'edit', profile: p })} data-testid="profile-edit-button">
                <Icon name="pencil" /> {t('routing.profiles.edit')}
              </button>
              {p.builtIn && p.modified && (
                <button type="button" className="button" onClick={() => setPending({ kind: 'reset', profile: p })} data-testid="profile-reset-button">
                  {t('routing.profiles.reset')}
                </button>
              )}
              {!p.builtIn && (
                <button type="button" className="button" onClick={() => setPending({ kind: 'delete', profile: p })} data-testid="profile-delete-button">
                  <Icon name="trash" /> {t('models.delete')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-primary profile-add" onClick={() => setPending({ kind: 'edit', profile: null })} data-testid="profile-add-button">
        <Icon name="plus" /> {t('routing.profiles.add')}
      </button>
      {pending?.kind === 'edit' && <ProfileEditor key={pending.profile?.id ?? 'new'} profile={pending.profile} onClose={() => setPending(null)} />}
      {pending?.kind === 'reset' && (
        <ConfirmDialog title={t('routing.profiles.resetTitle', { name: pending.profile.name })} confirmLabel={t('routing.profiles.reset')} onConfirm={() => resetProfile(pending.profile.id)} onClose={() => setPending(null)}>
          <p>{t('routing.profiles.resetBody')}</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog title={t('models.deleteTitle', { name: pending.profile.name })} confirmLabel={t('models.delete')} danger onConfirm={() => deleteProfile(pending.profile.id)} onClose={() => setPending(null)}>
          <p>{t('routing.profiles.deleteBody')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
