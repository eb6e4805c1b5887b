import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngineSettings } from '../../../../main/contract/index.js';
import { useHearth } from '../../store/StoreContext.js';

type GpuMode = 'auto' | 'max' | 'number';

function intIn(raw: string, min: number, max: number): number | null {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** Threads, GPU offload, context size, idle unload: saved together with settings.update. */
export function EngineSettingsForm({ engine }: { engine: EngineSettings }) {
  const { t } = useTranslation();
  const update = useHearth((s) => s.updateSettings);
  const [threads, setThreads] = useState(engine.threads === null ? '' : String(engine.threads));
  const [gpuMode, setGpuMode] = useState<GpuMode>(typeof engine.gpuLayers === 'number' ? 'number' : engine.gpuLayers);
  const [gpuLayers, setGpuLayers] = useState(typeof engine.gpuLayers === 'number' ? String(engine.gpuLayers) : '0');
  const [contextSize, setContextSize] = useState(engine.contextSize === null ? '' : String(engine.contextSize));
  const [idle, setIdle] = useState(String(engine.idleUnloadMinutes));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaved(false);
    const threadCount = threads.trim() === '' ? null : intIn(threads, 1, 256);
    const layers = gpuMode === 'number' ? intIn(gpuLayers, 0, 1000) : gpuMode;
    const ctx = contextSize.trim() === '' ? null : intIn(contextSize, 256, 1_048_576);
    const minutes = intIn(idle, 0, 1440);
    if (threads.trim() !== '' && threadCount === null) return setError(t('settings.engine.errors.threads'));
    if (layers === null) return setError(t('settings.engine.errors.gpuLayers'));
    if (contextSize.trim() !== '' && ctx === null) return setError(t('settings.engine.errors.contextSize'));
    if (minutes === null) return setError(t('settings.engine.errors.idle'));
    setError(null);
    if (await update({ engine: { threads: threadCount, gpuLayers: layers, contextSize: ctx, idleUnloadMinutes: minutes } })) setSaved(true);
  }

  return (
    <form className="form settings-grid" onSubmit={(e) => void save(e)}>
      <label className="field">
        <span>{t('settings.engine.threads')}</span>
        <input type="number" min={1} max={256} value={threads} onChange={(e) => setThreads(e.target.value)} placeholder={t('settings.engine.automatic')} data-testid="settings-threads" />
        <small>{t('settings.engine.threadsHint')}</small>
      </label>
      <div className="field">
        <label htmlFor="gpu-mode">{t('settings.engine.gpu')}</label>
        <div className="inline">
          <select id="gpu-mode" value={gpuMode} onChange={(e) => setGpuMode(e.target.value as GpuMode)} data-testid="settings-gpu-layers">
            <option value="auto">{t('settings.engine.gpuAuto')}</option>
            <option value="max">{t('settings.engine.gpuMax')}</option>
            <option value="number">{t('settings.engine.gpuNumber')}</option>
          </select>
          {gpuMode === 'number' && <input type="number" min={0} max={1000} value={gpuLayers} onChange={(e) => setGpuLayers(e.target.value)} aria-label={t('settings.engine.gpuLayers')} />}
        </div>
        <small>{t('settings.engine.gpuHint')}</small>
      </div>
      <label className="field">
        <span>{t('settings.engine.contextSize')}</span>
        <input type="number" min={256} max={1_048_576} value={contextSize} onChange={(e) => setContextSize(e.target.value)} placeholder={t('settings.engine.automatic')} data-testid="settings-context-size" />
        <small>{t('settings.engine.contextHint')}</small>
      </label>
      <label className="field">
        <span>{t('settings.engine.idle')}</span>
        <input type="number" min={0} max={1440} value={idle} onChange={(e) => setIdle(e.target.value)} data-testid="settings-idle-unload" />
        <small>{t('settings.engine.idleHint')}</small>
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="settings-engine-save">
          {t('settings.engine.save')}
        </button>
        {saved && <span role="status">{t('common.saved')}</span>}
      </div>
    </form>
  );
}
