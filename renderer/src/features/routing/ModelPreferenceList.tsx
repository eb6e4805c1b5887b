import { IconButton } from '../../components/IconButton.js';
import { useHearth } from '../../store/StoreContext.js';

interface ModelPreferenceListProps {
  tier: 'fast' | 'standard';
  value: string[];
  onChange(next: string[]): void;
}

const TIER_HINT = {
  fast: 'For short, simple messages. Empty: the standard list is used.',
  standard: 'Best first; the next one is used when one is missing or fails to load, then any installed model.',
} as const;

/** A profile's preferred models for one tier, best first: installed models and catalog entries. */
export function ModelPreferenceList({ tier, value, onChange }: ModelPreferenceListProps) {
  const models = useHearth((s) => s.models);
  const allCatalog = useHearth((s) => s.catalog);
  const catalog = allCatalog.filter((c) => c.kind === 'chat');
  const label = (id: string) => {
    const installed = models.find((m) => m.id === id);
    if (installed) return { name: installed.name, note: 'installed' };
    const entry = catalog.find((c) => c.id === id);
    if (entry) return { name: entry.name, note: entry.installed.length > 0 ? 'installed' : 'not installed' };
    return { name: id, note: 'not installed' };
  };
  const move = (index: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  const title = tier === 'fast' ? 'Fast tier' : 'Standard tier';
  const installedChoices = models.filter((m) => !value.includes(m.id));
  const catalogChoices = catalog.filter((c) => !value.includes(c.id) && !models.some((m) => m.id === c.id));
  return (
    <fieldset className="model-prefs" data-testid={`profile-models-${tier}`}>
      <legend>{title}</legend>
      <small>{TIER_HINT[tier]}</small>
      {value.length > 0 && (
        <ol className="model-prefs-list">
          {value.map((id, i) => {
            const { name, note } = label(id);
            return (
              <li key={id} data-testid="profile-model" data-model-id={id}>
                <span className="model-prefs-name">
                  {name} <small className="muted">{note}</small>
                </span>
                <IconButton icon="arrowUp" label={`Prefer ${name} sooner`} disabled={i === 0} onClick={() => move(i, -1)} />
                <IconButton icon="arrowDown" label={`Prefer ${name} later`} disabled={i === value.length - 1} onClick={() => move(i, 1)} />
                <IconButton icon="x" label={`Remove ${name} from the ${title.toLowerCase()}`} onClick={() => onChange(value.filter((v) => v !== id))} />
              </li>
            );
          })}
        </ol>
      )}
      <select
        value=""
        onChange={(e) => e.target.value && onChange([...value, e.target.value])}
        aria-label={`Add a model to the ${title.toLowerCase()}`}
        disabled={value.length >= 16}
        data-testid={`profile-models-${tier}-add`}
      >
        <option value="">Add a model…</option>
        {installedChoices.length > 0 && (
          <optgroup label="Installed">
            {installedChoices.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </optgroup>
        )}
        {catalogChoices.length > 0 && (
          <optgroup label="Catalog">
            {catalogChoices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.installed.length > 0 ? ' (installed)' : ''}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </fieldset>
  );
}
