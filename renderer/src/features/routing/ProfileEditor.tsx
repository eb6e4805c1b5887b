import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../main/contract/index.js';
import { Dialog } from '../../components/Dialog.js';
import { formatNumber } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';
import { SAMPLING_FIELDS, samplingHint, samplingLabel } from '../chat/samplingForm.js';
import { ModelPreferenceList } from './ModelPreferenceList.js';
import { GENERAL } from './profileLook.js';
import { checkProfileDraft, NEW_PROFILE, profilePatch, slugify, toProfileDraft, type FieldErrors, type ProfileDraft, type ProfileField } from './profileForm.js';

interface ProfileEditorProps {
  /** null: a new custom profile. */
  profile: Profile | null;
  onClose(): void;
}

/** A labelled control with its error under it, tied together for screen readers. */
function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactElement }) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Edit a profile (or add a custom one): everything the contract lets a user change, checked before it is sent. */
export function ProfileEditor({ profile, onClose }: ProfileEditorProps) {
  const { t } = useTranslation();
  const creating = profile === null;
  const original = profile ?? NEW_PROFILE;
  const takenIds = useHearth((s) => s.profiles.map((p) => p.id).join('\n'));
  const createProfile = useHearth((s) => s.createProfile);
  const updateProfile = useHearth((s) => s.updateProfile);
  const [draft, setDraft] = useState<ProfileDraft>(() => toProfileDraft(original));
  const [idTouched, setIdTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [attempt, setAttempt] = useState(0);
  // After a refused save, the first field to fix gets focus (and scrolls into view).
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .sampling-grid[aria-describedby] input')?.focus();
  }, [attempt]);
  const change = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value, ...(key === 'name' && creating && !idTouched ? { id: slugify(String(value)) } : {}) }));
    const field = key === 'fast' || key === 'standard' ? 'models' : (key as ProfileField);
    if (errors[field]) setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setServerError(null);
    const checked = checkProfileDraft(draft, { creating, takenIds: takenIds.split('\n'), custom: !original.builtIn });
    if (checked.errors) {
      setErrors(checked.errors);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setBusy(true);
    const result = creating ? await createProfile(checked.input) : await updateProfile(original.id, profilePatch(original, checked.input));
    setBusy(false);
    if (result.ok) onClose();
    else setServerError(result.message);
  }

  const title = creating ? t('routing.editor.newTitle') : t('routing.editor.editTitle', { name: original.name });
  return (
    <Dialog title={title} onClose={onClose} testId="profile-editor" wide>
      <form ref={formRef} className="form profile-editor" onSubmit={(e) => void save(e)} noValidate>
        <div className="profile-editor-row">
          <Field label={t('routing.editor.name')} error={errors.name}>
            {(p) => <input {...p} value={draft.name} onChange={(e) => change('name', e.target.value)} maxLength={80} data-testid="profile-name" />}
          </Field>
          {creating && (
            <Field label={t('routing.editor.id')} error={errors.id} hint={t('routing.editor.idHint')}>
              {(p) => (
                <input
                  {...p}
                  value={draft.id}
                  onChange={(e) => {
                    setIdTouched(true);
                    change('id', e.target.value);
                  }}
                  data-testid="profile-id"
                />
              )}
            </Field>
          )}
          <Field label={t('routing.editor.icon')} error={errors.icon}>
            {(p) => <input {...p} className="profile-icon-input" value={draft.icon} onChange={(e) => change('icon', e.target.value)} data-testid="profile-icon" />}
          </Field>
          <Field label={t('routing.editor.colour')} error={errors.color}>
            {(p) => <input {...p} type="color" value={draft.color} onChange={(e) => change('color', e.target.value)} data-testid="profile-color" />}
          </Field>
        </div>
        <Field label={t('routing.editor.description')} error={errors.description}>
          {(p) => <input {...p} value={draft.description} onChange={(e) => change('description', e.target.value)} data-testid="profile-description" />}
        </Field>
        <Field label={t('routing.editor.systemPrompt')} error={errors.systemPrompt}>
          {(p) => <textarea {...p} rows={5} value={draft.systemPrompt} onChange={(e) => change('systemPrompt', e.target.value)} data-testid="profile-system-prompt" />}
        </Field>
        <fieldset className="sampling-grid" aria-describedby={errors.sampling ? 'profile-sampling-error' : undefined}>
          <legend>{t('routing.editor.sampling')}</legend>
          {SAMPLING_FIELDS.map((f) => (
            <label key={f.key} className="field" title={samplingHint(f.key)}>
              <span>{samplingLabel(f.key)}</span>
              <input type="number" min={f.min} max={f.max} step={f.step} value={draft.sampling[f.key]} onChange={(e) => change('sampling', { ...draft.sampling, [f.key]: e.target.value })} placeholder={t('routing.editor.default')} data-testid={`profile-sampling-${f.key}`} />
            </label>
          ))}
          {errors.sampling && (
            <p id="profile-sampling-error" className="field-error field-wide" data-testid="field-error">
              {errors.sampling}
            </p>
          )}
        </fieldset>
        <div className="profile-editor-models">
          <ModelPreferenceList tier="standard" value={draft.standard} onChange={(v) => change('standard', v)} />
          <ModelPreferenceList tier="fast" value={draft.fast} onChange={(v) => change('fast', v)} />
          {errors.models && <p className="field-error" data-testid="field-error">{errors.models}</p>}
        </div>
        {original.builtIn ? (
          <p className="muted">{t('routing.editor.builtInExamples', { count: original.examples.length, n: formatNumber(original.examples.length) })}</p>
        ) : (
          <Field label={t('routing.editor.examples')} error={errors.examples} hint={t('routing.editor.examplesHint')}>
            {(p) => <textarea {...p} rows={6} value={draft.examples} onChange={(e) => change('examples', e.target.value)} data-testid="profile-examples" />}
          </Field>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={draft.enabled} disabled={original.id === GENERAL} onChange={(e) => change('enabled', e.target.checked)} data-testid="profile-enabled" />
          {original.id === GENERAL ? t('routing.editor.enabledGeneral') : t('routing.editor.enabled')}
        </label>
        {serverError && (
          <p className="form-error" role="alert" data-testid="profile-save-error">
            {serverError}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="profile-save">
            {creating ? t('routing.editor.add') : t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
