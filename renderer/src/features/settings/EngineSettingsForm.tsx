import { useState } from 'react';
import type { EngineSettings } from '../../../../main/contract/index.js';
import { useHearth } from '../../store/StoreContext.js';

type GpuMode = 'auto' | 'max' | 'number';

function intIn(raw: string, min: number, max: number): number | null {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

/** Threads, GPU offload, context size, idle unload: saved together with settings.update. */
export function EngineSettingsForm({ engine }: { engine: EngineSettings }) {
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
    const t = threads.trim() === '' ? null : intIn(threads, 1, 256);
    const layers = gpuMode === 'number' ? intIn(gpuLayers, 0, 1000) : gpuMode;
    const ctx = contextSize.trim() === '' ? null : intIn(contextSize, 256, 1_048_576);
    const minutes = intIn(idle, 0, 1440);
    if (threads.trim() !== '' && t === null) return setError('Threads must be a whole number from 1 to 256, or empty for automatic.');
    if (layers === null) return setError('GPU layers must be a whole number from 0 to 1000.');
    if (contextSize.trim() !== '' && ctx === null) return setError('Context size must be a whole number from 256 to 1048576 tokens, or empty for automatic.');
    if (minutes === null) return setError('Idle unload must be a whole number of minutes from 0 to 1440.');
    setError(null);
    if (await update({ engine: { threads: t, gpuLayers: layers, contextSize: ctx, idleUnloadMinutes: minutes } })) setSaved(true);
  }

  return (
    <form className="form settings-grid" onSubmit={(e) => void save(e)}>
      <label className="field">
        <span>CPU threads</span>
        <input type="number" min={1} max={256} value={threads} onChange={(e) => setThreads(e.target.value)} placeholder="Automatic" data-testid="settings-threads" />
        <small>Empty: chosen from your cores and the model size.</small>
      </label>
      <div className="field">
        <label htmlFor="gpu-mode">GPU offload</label>
        <div className="inline">
          <select id="gpu-mode" value={gpuMode} onChange={(e) => setGpuMode(e.target.value as GpuMode)} data-testid="settings-gpu-layers">
            <option value="auto">Automatic (what fits in VRAM)</option>
            <option value="max">All layers</option>
            <option value="number">A number of layers</option>
          </select>
          {gpuMode === 'number' && <input type="number" min={0} max={1000} value={gpuLayers} onChange={(e) => setGpuLayers(e.target.value)} aria-label="GPU layers" />}
        </div>
        <small>0 layers keeps everything on the CPU.</small>
      </div>
      <label className="field">
        <span>Context size (tokens)</span>
        <input type="number" min={256} max={1_048_576} value={contextSize} onChange={(e) => setContextSize(e.target.value)} placeholder="Automatic" data-testid="settings-context-size" />
        <small>Empty: the model's own, capped to what fits.</small>
      </label>
      <label className="field">
        <span>Unload an idle model after (minutes)</span>
        <input type="number" min={0} max={1440} value={idle} onChange={(e) => setIdle(e.target.value)} data-testid="settings-idle-unload" />
        <small>0 keeps models loaded.</small>
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="settings-engine-save">
          Save engine settings
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}
