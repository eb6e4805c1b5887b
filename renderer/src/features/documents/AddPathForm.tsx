import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { isAbsolutePath, splitPaths } from './splitPaths.js';

/** Adds folders or files to a collection by absolute path. */
export function AddPathForm({ collectionId }: { collectionId: string }) {
  const { t } = useTranslation();
  const addPaths = useHearth((s) => s.addDocPaths);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const paths = splitPaths(value);
    if (paths.length === 0) return;
    const relative = paths.find((p) => !isAbsolutePath(p));
    if (relative) return setError(t('documents.create.notAbsolute', { path: relative }));
    setError(null);
    if (await addPaths(collectionId, paths)) setValue('');
  }

  return (
    <form className="doc-add-path" onSubmit={(e) => void submit(e)}>
      <label className="field field-grow" htmlFor={`${id}-path`}>
        <span>{t('documents.addPath.label')}</span>
        <input id={`${id}-path`} value={value} onChange={(e) => setValue(e.target.value)} placeholder={t('documents.create.placeholder')} spellCheck={false} dir="ltr" data-testid="doc-add-path-input" />
      </label>
      <button type="submit" className="button" disabled={!value.trim()} data-testid="doc-add-path-button">
        {t('documents.addPath.submit')}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
