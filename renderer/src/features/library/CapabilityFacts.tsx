import { useTranslation } from 'react-i18next';
import type { ModelCapabilities } from '../../../../main/contract/index.js';

const THINKING_DEFAULTS: Record<NonNullable<ModelCapabilities['thinking']>, string> = {
  hybrid: 'Thinks first (can be switched off)',
  always: 'Always thinks first',
  none: 'Answers without thinking',
};

/** What the model can do, as the catalog's sources state it; nothing is shown for what no source says. */
export function CapabilityFacts({ capabilities }: { capabilities: ModelCapabilities | undefined }) {
  const { t } = useTranslation();
  if (!capabilities) return null;
  const facts: Array<[string, string]> = [];
  const thinking = capabilities.thinking;
  if (thinking) facts.push(['thinking', t(`catalog.capabilities.thinking.${thinking}`, { defaultValue: THINKING_DEFAULTS[thinking] })]);
  if (capabilities.tools) facts.push(['tools', t('catalog.capabilities.tools', { defaultValue: 'Can call tools' })]);
  if (facts.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={t('catalog.capabilities.label', { defaultValue: 'Capabilities' })} data-testid="catalog-capabilities">
      {facts.map(([key, label]) => (
        <li key={key} className="tag" data-capability={key}>
          {label}
        </li>
      ))}
    </ul>
  );
}
