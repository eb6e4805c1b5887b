import { effectiveModelId, routerPicksModel } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';

const VERDICT = { fits: '', tight: ' (tight fit)', 'wont-fit': " (won't fit)" } as const;

/** The chat's model: changes apply to the chat (chats.update) or to the draft. */
export function ModelPicker() {
  const models = useHearth((s) => s.models);
  const value = useHearth(effectiveModelId);
  const routed = useHearth(routerPicksModel);
  const update = useHearth((s) => s.updateChatSettings);
  if (models.length === 0) return null;
  return (
    <label className="model-picker">
      <span className="visually-hidden">Model</span>
      <select value={value ?? ''} onChange={(e) => void update({ modelId: e.target.value })} data-testid="model-picker" aria-label="Model">
        {value === null && (
          <option value="" disabled>
            {routed ? 'Model: the profile’s choice' : 'Choose a model'}
          </option>
        )}
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {m.fit ? VERDICT[m.fit.verdict] : ''}
            {m.loaded ? ' · loaded' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
