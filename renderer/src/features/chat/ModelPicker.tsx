import { useTranslation } from 'react-i18next';
import { effectiveModelId, routerPicksModel } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';

/** The chat's model: changes apply to the chat (chats.update) or to the draft. */
export function ModelPicker() {
  const { t } = useTranslation();
  const models = useHearth((s) => s.models);
  const value = useHearth(effectiveModelId);
  const routed = useHearth(routerPicksModel);
  const update = useHearth((s) => s.updateChatSettings);
  if (models.length === 0) return null;
  return (
    <label className="model-picker">
      <span className="visually-hidden">{t('routing.popover.model')}</span>
      <select value={value ?? ''} onChange={(e) => void update({ modelId: e.target.value })} data-testid="model-picker" aria-label={t('routing.popover.model')}>
        {value === null && (
          <option value="" disabled>
            {routed ? t('modelPicker.profileChoice') : t('modelPicker.choose')}
          </option>
        )}
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {m.fit && m.fit.verdict !== 'fits' ? ` (${t(`modelPicker.verdict.${m.fit.verdict}`)})` : ''}
            {m.loaded ? ` · ${t('modelPicker.loaded')}` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
