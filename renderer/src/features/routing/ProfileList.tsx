import { useState } from 'react';
import type { Profile } from '../../../../main/contract/index.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Icon } from '../../components/Icon.js';
import { useHearth } from '../../store/StoreContext.js';
import { ProfileEditor } from './ProfileEditor.js';
import { GENERAL } from './profileLook.js';

type Pending = { kind: 'edit'; profile: Profile | null } | { kind: 'reset' | 'delete'; profile: Profile } | null;

/** Every profile with its state, and the ways to change it: edit, add, disable, reset a built-in, delete a custom one. */
export function ProfileList() {
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
                <span className="badge">{p.builtIn ? 'Built-in' : 'Custom'}</span>
                {p.modified && <span className="badge">Edited</span>}
                {!p.enabled && <span className="badge">Disabled</span>}
              </div>
              <p className="profile-description muted">{p.description}</p>
            </div>
            <div className="profile-actions">
              <label className="checkbox" title={p.id === GENERAL ? 'General is where unclear messages go: it stays on' : p.enabled ? 'Auto can choose it' : 'Auto skips it; chats cannot pin it'}>
                <input type="checkbox" checked={p.enabled} disabled={p.id === GENERAL} onChange={(e) => void toggle(p, e.target.checked)} data-testid="profile-toggle" aria-label={`${p.name} enabled`} />
                Enabled
              </label>
              <button type="button" className="button" onClick={() => setPending({ kind: 'edit', profile: p })} data-testid="profile-edit-button">
                <Icon name="pencil" /> Edit
              </button>
              {p.builtIn && p.modified && (
                <button type="button" className="button" onClick={() => setPending({ kind: 'reset', profile: p })} data-testid="profile-reset-button">
                  Reset
                </button>
              )}
              {!p.builtIn && (
                <button type="button" className="button" onClick={() => setPending({ kind: 'delete', profile: p })} data-testid="profile-delete-button">
                  <Icon name="trash" /> Delete
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <button type="button" className="button button-primary profile-add" onClick={() => setPending({ kind: 'edit', profile: null })} data-testid="profile-add-button">
        <Icon name="plus" /> Add a profile
      </button>
      {pending?.kind === 'edit' && <ProfileEditor key={pending.profile?.id ?? 'new'} profile={pending.profile} onClose={() => setPending(null)} />}
      {pending?.kind === 'reset' && (
        <ConfirmDialog title={`Reset ${pending.profile.name}?`} confirmLabel="Reset" onConfirm={() => resetProfile(pending.profile.id)} onClose={() => setPending(null)}>
          <p>Its name, prompt, sampling, models, colour and icon go back to the ones Hearth ships. Your changes to it are lost.</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog title={`Delete ${pending.profile.name}?`} confirmLabel="Delete" danger onConfirm={() => deleteProfile(pending.profile.id)} onClose={() => setPending(null)}>
          <p>Its example phrases go with it. Replies already routed to it keep their label.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
