import { modelName } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { profileLook } from './profileLook.js';

/** "Loading Qwen 2.5 Coder… for Coding" while a reply waits for the model its profile prefers. */
export function ModelSwitchNotice() {
  const modelSwitch = useHearth((s) => (s.modelSwitch && s.modelSwitch.chatId === s.activeChatId ? s.modelSwitch : null));
  const models = useHearth((s) => s.models);
  const profiles = useHearth((s) => s.profiles);
  if (!modelSwitch) return null;
  const { modelId, domain, progress } = modelSwitch;
  const percent = progress === null ? null : Math.round(progress * 100);
  return (
    <div className="model-switch" role="status" data-testid="model-switch" data-model-id={modelId}>
      <span>
        Loading <strong>{modelName(models, modelId)}</strong>…{domain && ` for ${profileLook(profiles, domain).name}`}
        {percent !== null && <span className="muted"> {percent}%</span>}
      </span>
      <div
        className={`progress ${percent === null ? 'progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={`Loading ${modelName(models, modelId)}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div className="progress-bar" style={{ width: percent === null ? undefined : `${percent}%` }} />
      </div>
    </div>
  );
}
