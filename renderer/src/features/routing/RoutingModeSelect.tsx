import { useTranslation } from 'react-i18next';
import type { RoutingMode } from '../../../../main/contract/index.js';
import { useHearth } from '../../store/StoreContext.js';

/**
 * The chat's routing: Auto (each message goes to the profile the router
 * picks) or pinned to one profile. Disabled profiles are not offered; a chat
 * already pinned to one keeps showing it, marked.
 */
export function RoutingModeSelect() {
  const { t } = useTranslation();
  const profiles = useHearth((s) => s.profiles);
  const mode = useHearth((s) => (s.activeChatId ? (s.chatsById[s.activeChatId]?.routingMode ?? null) : s.draft.routingMode));
  const setMode = useHearth((s) => s.setRoutingMode);
  if (profiles.length === 0 || mode === null) return null;
  const pinned = mode === 'auto' ? null : profiles.find((p) => p.id === mode);
  return (
    <label className="routing-mode">
      <span className="visually-hidden">{t('nav.routing')}</span>
      <select value={mode} onChange={(e) => void setMode(e.target.value as RoutingMode)} aria-label={t('nav.routing')} data-testid="routing-mode" title={t('routing.modeSelect.title')}>
        <option value="auto">{t('routing.modeSelect.auto')}</option>
        {mode !== 'auto' && (!pinned || !pinned.enabled) && (
          <option value={mode} disabled>
            {pinned ? t('routing.modeSelect.disabled', { name: `${pinned.icon} ${pinned.name}` }) : t('routing.modeSelect.removed', { name: mode })}
          </option>
        )}
        {profiles
          .filter((p) => p.enabled)
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.icon} {p.name}
            </option>
          ))}
      </select>
    </label>
  );
}
