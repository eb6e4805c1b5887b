import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { isAbsolutePath, splitPaths } from './splitPaths.js';

/**
 * A new collection from folders or files: the user types or pastes absolute
 * paths (the desktop app then asks in its own dialog before reading them).
 */
export function CreateCollectionForm() {
  const { t } = useTranslation();
  const create = useHearth((s) => s.createDocCollection);
  const pick = useHearth((s) => s.pickDocFolders);
  const hasDialog = useHearth((s) => s.appInfo?.shell === 'electron');
  const [name, setName] = useState('');
  const [paths, setPaths] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const list = splitPaths(paths);
    const relative = list.find((p) => !isAbsolutePath(p));
    if (!name.trim()) return setError(t('documents.create.nameRequired'));
    if (relative) return setError(t('documents.create.notAbsolute', { path: relative }));
    setError(null);
    setBusy(true);
    const created = await create(name.trim(), list);
    setBusy(false);
    if (created) {
      setName('');
      setPaths('');
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} data-testid="doc-create">
      <h2 id={`${id}-title`}>{t('documents.create.title')}</h2>
      <form className="form card" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('documents.create.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="doc-create-name" />
        </label>
        <label className="field">
          <span>{t('documents.create.paths')}</span>
          <textarea
            value={paths}
            onChange={(e) => setPaths(e.target.value)}
            rows={3}
            spellCheck={false}
            dir="ltr"
            placeholder={t('documents.create.placeholder')}
            aria-describedby={`${id}-hint`}
            data-testid="doc-create-paths"
          />
          <small id={`${id}-hint`}>{t('documents.create.hint')}</small>
        </label>
        {hasDialog && (
          <button
            type="button"
            className="button"
            onClick={() => void pick().then((folders) => folders.length > 0 && setPaths((before) => splitPaths(`${before}\n${folders.join('\n')}`).join('\n')))}
            data-testid="doc-pick-folders"
          >
            {t('documents.create.pick')}
          </button>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="doc-create-error">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy} data-testid="doc-create-submit">
          {busy ? t('documents.create.creating') : t('documents.create.submit')}
        </button>
      </form>
    </section>
  );
}
