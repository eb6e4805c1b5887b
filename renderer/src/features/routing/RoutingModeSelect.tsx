import type { RoutingMode } from '../../../../main/contract/index.js';
import { useHearth } from '../../store/StoreContext.js';

/**
 * The chat's routing: Auto (each message goes to the profile the router
 * picks) or pinned to one profile. Disabled profiles are not offered; a chat
 * already pinned to one keeps showing it, marked.
 */
export function RoutingModeSelect() {
  const profiles = useHearth((s) => s.profiles);
  const mode = useHearth((s) => (s.activeChatId ? (s.chatsById[s.activeChatId]?.routingMode ?? null) : s.draft.routingMode));
  const setMode = useHearth((s) => s.setRoutingMode);
  if (profiles.length === 0 || mode === null) return null;
  const pinned = mode === 'auto' ? null : profiles.find((p) => p.id === mode);
  return (
    <label className="routing-mode">
      <span className="visually-hidden">Routing</span>
      <select value={mode} onChange={(e) => void setMode(e.target.value as RoutingMode)} aria-label="Routing" data-testid="routing-mode" title="Which profile answers: Auto picks one per message">
        <option value="auto">Auto routing</option>
        {mode !== 'auto' && (!pinned || !pinned.enabled) && (
          <option value={mode} disabled>
            {pinned ? `${pinned.icon} ${pinned.name} (disabled)` : `${mode} (removed)`}
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
