import { useTranslation } from 'react-i18next';
import { IconButton } from '../../components/IconButton.js';
import { useHearth } from '../../store/StoreContext.js';

interface ModelPreferenceListProps {
  tier: 'fast' | 'standard';
  value: string[];
  onChange(next: string[]): void;
}

/** A profile's preferred models for one tier, best first: installed models and catalog entries. */
export function ModelPreferenceList({ tier, value, onChange }: ModelPreferenceListProps) {
  const { t } = useTranslation();
  const models = useHearth((s) => s.models);
  const allCatalog = useHearth((s) => s.catalog);
  const catalog = allCatalog.filter((c) => c.kind === 'chat');
  const label = (id: string) => {
    const installed = models.find((m) => m.id === id);
    if (installed) return { name: installed.name, note: t('routing.prefs.installed') };
    const entry = catalog.find((c) => c.id === id);
    if (entry) return { name: entry.name, note: entry.installed.length > 0 ? t('routing.prefs.installed') : t('routing.prefs.notInstalled') };
    return { name: id, note: t('routing.prefs.notInstalled') };
  };
  const move = (index: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  const title = t(`routing.prefs.${tier}.title`);
  const installedChoices = models.filter((m) => !value.includes(m.id));
  const catalogChoices = catalog.filter((c) => !value.includes(c.id) && !models.some((m) => m.id === c.id));
  return (
    <fieldset className="model-prefs" data-testid={`profile-models-${tier}`}>
      <legend>{title}</legend>
      <small>{t(`routing.prefs.${tier}.hint`)}</small>
      {value.length > 0 && (
        <ol className="model-prefs-list">
          {value.map((id, i) => {
            const { name, note } = label(id);
            return (
              <li key={id} data-testid="profile-model" data-model-id={id}>
                <span className="model-prefs-name">
                  {name} <small className="muted">{note}</small>
                </span>
                <IconButton icon="arrowUp" label={t('routing.prefs.sooner', { name })} disabled={i === 0} onClick={() => move(i, -1)} />
                <IconButton icon="arrowDown" label={t('routing.prefs.later', { name })} disabled={i === value.length - 1} onClick={() => move(i, 1)} />
                <IconButton icon="x" label={t(`routing.prefs.${tier}.remove`, { name })} onClick={() => onChange(value.filter((v) => v !== id))} />
              </li>
            );
          })}
        </ol>
      )}
      <select
        value=""
        onChange={(e) => e.target.value && onChange([...value, e.target.value])}
        aria-label={t(`routing.prefs.${tier}.add`)}
        disabled={value.length >= 16}
        data-testid={`profile-models-${tier}-add`}
      >
        <option value="">{t('routing.prefs.addOption')}</option>
        {installedChoices.length > 0 && (
          <optgroup label={t('models.installed')}>
            {installedChoices.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </optgroup>
        )}
        {catalogChoices.length > 0 && (
          <optgroup label={t('catalog.title')}>
            {catalogChoices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.installed.length > 0 ? ` (${t('routing.prefs.installed')})` : ''}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </fieldset>
  );
}
