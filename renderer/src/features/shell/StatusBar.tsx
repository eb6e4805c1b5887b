import { BACKEND_LABEL, formatBytes } from '../../lib/format.js';
import { modelName } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';

const CONNECTION_LABEL = { connecting: 'Connecting…', open: 'Connected', reconnecting: 'Reconnecting…', closed: 'Disconnected' } as const;

/** Backend, memory, loaded models and the link to main, always in view. */
export function StatusBar() {
  const connection = useHearth((s) => s.connection);
  const engine = useHearth((s) => s.engine);
  const engineState = useHearth((s) => s.engineState);
  const engineMessage = useHearth((s) => s.engineMessage);
  const models = useHearth((s) => s.models);
  const shell = useHearth((s) => s.appInfo?.shell ?? null);

  const backend = engine?.backend ? BACKEND_LABEL[engine.backend] : engine?.started === false ? 'Engine idle' : 'Engine…';
  const ramUsed = engine ? engine.ramTotalBytes - engine.ramFreeBytes : 0;
  const vramUsed = engine ? engine.vramTotalBytes - engine.vramFreeBytes : 0;
  const loaded = engine?.loaded ?? [];
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`status-item connection connection-${connection.state}`} data-testid="connection-state" data-state={connection.state} role="status" title={connection.message ?? undefined}>
        <span className="dot" aria-hidden="true" />
        {shell === 'electron' ? 'Desktop' : CONNECTION_LABEL[connection.state]}
        {connection.message && connection.state !== 'open' && <span className="status-detail"> — {connection.message}</span>}
      </span>
      <span className={`status-item ${engineState === 'crashed' ? 'status-bad' : ''}`} data-testid="engine-backend" title={engineMessage ?? undefined}>
        {engineState === 'crashed' ? 'Engine crashed (restarts on the next request)' : backend}
        {engine && engine.threads > 0 && engine.backend === 'cpu' ? ` · ${engine.threads} thread${engine.threads === 1 ? '' : 's'}` : ''}
      </span>
      {engine && engine.ramTotalBytes > 0 && (
        <span className="status-item" data-testid="memory-use">
          RAM {formatBytes(ramUsed)} / {formatBytes(engine.ramTotalBytes)}
          {engine.vramTotalBytes > 0 && ` · VRAM ${formatBytes(vramUsed)} / ${formatBytes(engine.vramTotalBytes)}`}
        </span>
      )}
      <span className="status-item status-loaded" data-testid="loaded-models">
        {loaded.length === 0 ? 'No model loaded' : `Loaded: ${loaded.map((l) => `${modelName(models, l.modelId)} (${formatBytes(l.ramBytes + l.vramBytes)})`).join(', ')}`}
      </span>
    </footer>
  );
}
