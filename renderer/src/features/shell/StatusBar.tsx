import { useTranslation } from 'react-i18next';
import { BACKEND_LABEL, formatBytes, formatNumber } from '../../lib/format.js';
import { modelName } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';


/** Backend, memory, loaded models and the link to main, always in view. */
export function StatusBar() {
  const { t } = useTranslation();
  const connection = useHearth((s) => s.connection);
  const engine = useHearth((s) => s.engine);
  const engineState = useHearth((s) => s.engineState);
  const engineMessage = useHearth((s) => s.engineMessage);
  const models = useHearth((s) => s.models);
  const shell = useHearth((s) => s.appInfo?.shell ?? null);

  const backend = engine?.backend ? BACKEND_LABEL[engine.backend] : engine?.started === false ? t('status.engineIdle') : t('status.engineStarting');
  const ramUsed = engine ? engine.ramTotalBytes - engine.ramFreeBytes : 0;
  const vramUsed = engine ? engine.vramTotalBytes - engine.vramFreeBytes : 0;
  const loaded = engine?.loaded ?? [];
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`status-item connection connection-${connection.state}`} data-testid="connection-state" data-state={connection.state} role="status" title={connection.message ?? undefined}>
        <span className="dot" aria-hidden="true" />
        {shell === 'electron' ? t('status.desktop') : t(`status.connection.${connection.state}`)}
        {connection.message && connection.state !== 'open' && <span className="status-detail"> — {connection.message}</span>}
      </span>
      <span className={`status-item ${engineState === 'crashed' ? 'status-bad' : ''}`} data-testid="engine-backend" title={engineMessage ?? undefined}>
        {engineState === 'crashed' ? t('status.engineCrashed') : backend}
        {engine && engine.threads > 0 && engine.backend === 'cpu' ? ` · ${t('status.threads', { count: engine.threads, n: formatNumber(engine.threads) })}` : ''}
      </span>
      {engine && engine.ramTotalBytes > 0 && (
        <span className="status-item" data-testid="memory-use">
          {t('status.ram', { used: formatBytes(ramUsed), total: formatBytes(engine.ramTotalBytes) })}
          {engine.vramTotalBytes > 0 && ` · ${t('status.vram', { used: formatBytes(vramUsed), total: formatBytes(engine.vramTotalBytes) })}`}
        </span>
      )}
      <span className="status-item status-loaded" data-testid="loaded-models">
        {loaded.length === 0 ? t('status.noModel') : t('status.loaded', { models: loaded.map((l) => `${modelName(models, l.modelId)} (${formatBytes(l.ramBytes + l.vramBytes)})`).join(t('list.separator')) })}
      </span>
    </footer>
  );
}
