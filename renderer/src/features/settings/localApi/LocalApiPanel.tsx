import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiSettings } from '../../../../../main/contract/index.js';
import { useHearth } from '../../../store/StoreContext.js';
import { useCopy } from '../../chat/useCopy.js';
import { ApiKeysList } from './ApiKeysList.js';
import { ApiRequestLog } from './ApiRequestLog.js';
import { ApiServerForm } from './ApiServerForm.js';

/**
 * Settings → Local API: the OpenAI-compatible server for the user's other
 * tools. Off until switched on; the base URL to copy, where it listens, keys,
 * allowed web origins, what is logged or stored, and the request log.
 */
export function LocalApiPanel({ api }: { api: ApiSettings }) {
  const { t } = useTranslation();
  const status = useHearth((s) => s.apiStatus);
  const load = useHearth((s) => s.loadApi);
  const update = useHearth((s) => s.updateSettings);
  const { copied, copy } = useCopy();
  useEffect(() => {
    void load();
  }, [load]);
  const toggle = (field: 'enabled' | 'requireKey' | 'logContent' | 'storeAsChats') => (e: React.ChangeEvent<HTMLInputElement>) => void update({ api: { [field]: e.target.checked } });

  return (
    <div className="form local-api" data-testid="local-api">
      <p className="muted">{t('localApi.lead')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={api.enabled} onChange={toggle('enabled')} data-testid="local-api-enabled" />
        {t('localApi.enable')}
      </label>
      <div role="status" data-testid="local-api-status">
        {status?.running && status.url ? (
          <p className="inline">
            {t('localApi.running')} <code data-testid="local-api-url">{status.url}</code>
            <button type="button" className="button" onClick={() => copy(status.url!)} data-testid="local-api-copy">
              {copied ? t('localApi.copied') : t('localApi.copy')}
            </button>
          </p>
        ) : status?.error ? (
          <p className="form-error">{t('localApi.failed', { error: status.error })}</p>
        ) : (
          <p className="muted">{t('localApi.stopped')}</p>
        )}
      </div>
      {status?.exposed && (
        <p className="form-error" role="alert" data-testid="local-api-exposed">
          {t('localApi.exposedWarning')}
        </p>
      )}
      <ApiServerForm api={api} />
      <label className="checkbox">
        <input type="checkbox" checked={api.requireKey} onChange={toggle('requireKey')} data-testid="local-api-require-key" />
        {t('localApi.requireKey')}
      </label>
      {!api.requireKey && (
        <p className="form-error" role="alert" data-testid="local-api-no-key">
          {t('localApi.noKeyWarning')}
        </p>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={api.logContent} onChange={toggle('logContent')} data-testid="local-api-log-content" />
        {t('localApi.logContent')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={api.storeAsChats} onChange={toggle('storeAsChats')} data-testid="local-api-store-chats" />
        {t('localApi.storeAsChats')}
      </label>
      <ApiKeysList />
      <ApiRequestLog />
    </div>
  );
}
