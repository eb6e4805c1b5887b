import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWhen } from '../../../lib/format.js';
import { useHearth } from '../../../store/StoreContext.js';
import { useCopy } from '../../chat/useCopy.js';

/** The API's keys: a new key is shown once, right after it is made; revoking takes effect at once. */
export function ApiKeysList() {
  const { t } = useTranslation();
  const keys = useHearth((s) => s.apiKeys);
  const create = useHearth((s) => s.createApiKey);
  const revoke = useHearth((s) => s.revokeApiKey);
  const [name, setName] = useState('');
  const [fresh, setFresh] = useState<string | null>(null);
  const { copied, copy } = useCopy();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    const key = await create(name.trim());
    if (key) {
      setFresh(key);
      setName('');
    }
  }

  return (
    <section aria-labelledby="local-api-keys-title" data-testid="local-api-keys">
      <h3 id="local-api-keys-title">{t('localApi.keys.title')}</h3>
      {keys.length === 0 ? (
        <p className="muted">{t('localApi.keys.none')}</p>
      ) : (
        <ul className="api-keys">
          {keys.map((k) => (
            <li key={k.id} className="inline" data-testid="local-api-key">
              <strong>{k.name}</strong> <code>{k.prefix}</code>{' '}
              <span className="muted">
                {t('localApi.keys.created', { when: formatWhen(k.createdAt) })} · {k.lastUsedAt === null ? t('localApi.keys.neverUsed') : t('localApi.keys.lastUsed', { when: formatWhen(k.lastUsedAt) })}
              </span>
              <button type="button" className="button" aria-label={t('localApi.keys.revokeLabel', { name: k.name })} onClick={() => void revoke(k.id)} data-testid="local-api-key-revoke">
                {t('localApi.keys.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {fresh && (
        <div role="alert" className="api-new-key" data-testid="local-api-new-key">
          <p>{t('localApi.keys.createdOnce')}</p>
          <p className="inline">
            <code data-testid="local-api-new-key-value">{fresh}</code>
            <button type="button" className="button" onClick={() => copy(fresh)}>
              {copied ? t('localApi.copied') : t('localApi.copy')}
            </button>
            <button type="button" className="button" onClick={() => setFresh(null)}>
              {t('localApi.keys.done')}
            </button>
          </p>
        </div>
      )}
      <form className="inline" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('localApi.keys.name')}</span>
          <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder={t('localApi.keys.namePlaceholder')} data-testid="local-api-key-name" />
        </label>
        <button type="submit" className="button" disabled={!name.trim()} data-testid="local-api-key-create">
          {t('localApi.keys.create')}
        </button>
      </form>
    </section>
  );
}
