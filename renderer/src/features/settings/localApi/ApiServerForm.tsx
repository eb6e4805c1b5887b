import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiSettings, WebOrigin } from '../../../../../main/contract/index.js';
import { useHearth } from '../../../store/StoreContext.js';

const LOOPBACK = /^(127\.|::1$)/;

/** Port, listening address (with the warning another address needs) and allowed web origins, saved together. */
export function ApiServerForm({ api }: { api: ApiSettings }) {
  const { t } = useTranslation();
  const update = useHearth((s) => s.updateSettings);
  const [port, setPort] = useState(String(api.port));
  const [bind, setBind] = useState(api.bindAddress);
  const [origins, setOrigins] = useState(api.allowedOrigins.join('\n'));
  const [parallel, setParallel] = useState(String(api.parallel));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // Stored values changed (saved here, or from another window or the CLI): the fields show them; "Saved." stays.
  const stored = JSON.stringify([api.port, api.bindAddress, api.allowedOrigins, api.parallel]);
  const [shown, setShown] = useState(stored);
  if (shown !== stored) {
    setShown(stored);
    setPort(String(api.port));
    setBind(api.bindAddress);
    setOrigins(api.allowedOrigins.join('\n'));
    setParallel(String(api.parallel));
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaved(false);
    const portNumber = Number(port);
    if (!ApiSettings.shape.port.safeParse(portNumber).success || port.trim() === '') return setError(t('localApi.errors.port'));
    if (!ApiSettings.shape.bindAddress.safeParse(bind.trim()).success) return setError(t('localApi.errors.bindAddress'));
    const parallelNumber = Number(parallel);
    if (!ApiSettings.shape.parallel.safeParse(parallelNumber).success || parallel.trim() === '') return setError(t('localApi.errors.parallel'));
    const list = origins.split('\n').map((o) => o.trim()).filter(Boolean);
    const bad = list.find((o) => !WebOrigin.safeParse(o).success);
    if (bad !== undefined) return setError(t('localApi.errors.origin', { origin: bad }));
    setError(null);
    if (await update({ api: { port: portNumber, bindAddress: bind.trim(), allowedOrigins: list, parallel: parallelNumber } })) setSaved(true);
  }

  return (
    <form className="form settings-grid" onSubmit={(e) => void save(e)} data-testid="local-api-form">
      <label className="field">
        <span>{t('localApi.port')}</span>
        <input type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} data-testid="local-api-port" />
        <small>{t('localApi.portHint')}</small>
      </label>
      <label className="field">
        <span>{t('localApi.bindAddress')}</span>
        <input value={bind} onChange={(e) => setBind(e.target.value)} spellCheck={false} data-testid="local-api-bind" />
        <small>{t('localApi.bindHint')}</small>
      </label>
      {!LOOPBACK.test(bind.trim()) && (
        <p className="form-error" role="alert" data-testid="local-api-bind-warning">
          {t('localApi.exposedWarning')}
        </p>
      )}
      <label className="field">
        <span>{t('localApi.parallel')}</span>
        <input type="number" min={1} max={16} value={parallel} onChange={(e) => setParallel(e.target.value)} data-testid="local-api-parallel" />
        <small>{t('localApi.parallelHint')}</small>
      </label>
      <label className="field">
        <span>{t('localApi.origins')}</span>
        <textarea rows={3} value={origins} onChange={(e) => setOrigins(e.target.value)} spellCheck={false} data-testid="local-api-origins" />
        <small>{t('localApi.originsHint')}</small>
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="local-api-save">
          {t('common.save')}
        </button>
        {saved && <span role="status">{t('common.saved')}</span>}
      </div>
    </form>
  );
}
