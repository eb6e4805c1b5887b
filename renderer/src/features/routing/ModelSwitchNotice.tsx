import { Trans, useTranslation } from 'react-i18next';
import { formatPercent } from '../../lib/format.js';
import { modelName } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { profileLook } from './profileLook.js';

/** "Loading Qwen 2.5 Coder… for Coding" while a reply waits for the model its profile prefers. */
export function ModelSwitchNotice() {
  const { t } = useTranslation();
  const modelSwitch = useHearth((s) => (s.modelSwitch && s.modelSwitch.chatId === s.activeChatId ? s.modelSwitch : null));
  const models = useHearth((s) => s.models);
  const profiles = useHearth((s) => s.profiles);
  if (!modelSwitch) return null;
  const { modelId, domain, progress } = modelSwitch;
  const percent = progress === null ? null : Math.round(progress * 100);
  return (
    <div className="model-switch" role="status" data-testid="model-switch" data-model-id={modelId}>
      <span>
        {domain ? (
          <Trans i18nKey="modelSwitch.loadingFor" values={{ model: modelName(models, modelId), profile: profileLook(profiles, domain).name }} components={{ b: <strong /> }} />
        ) : (
          <Trans i18nKey="modelSwitch.loading" values={{ model: modelName(models, modelId) }} components={{ b: <strong /> }} />
        )}
        {percent !== null && <span className="muted"> {formatPercent(percent)}</span>}
      </span>
      <div
        className={`progress ${percent === null ? 'progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('models.loadingName', { name: modelName(models, modelId) })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div className="progress-bar" style={{ width: percent === null ? undefined : `${percent}%` }} />
      </div>
    </div>
  );
}
