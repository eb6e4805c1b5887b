import { useTranslation } from 'react-i18next';
import type { ModelFamily } from '../../../../main/contract/index.js';
import { formatNumber } from '../../lib/format.js';

const THINKING = { hybrid: 'Yes, by default (can be switched off)', always: 'Yes, always', none: 'No' } as const;

/** What helps choose a model: the chat wrapper in use (or the plain-text fallback), thinking, tools, contexts and licence. */
export function FamilyFacts({ family }: { family: ModelFamily | null | undefined }) {
  const { t } = useTranslation();
  if (!family) return null;
  const notStated = t('models.family.notStated', { defaultValue: 'Not stated' });
  const tokens = (n: number) => t('models.tokens', { count: n, n: formatNumber(n) });
  const facts: Array<[string, string, string]> = [
    ['wrapper', t('models.family.wrapper', { defaultValue: 'Chat format' }), family.chatWrapper ?? t('models.family.whenLoaded', { defaultValue: 'Known once loaded' })],
    ['thinking', t('models.family.thinking', { defaultValue: 'Thinks first' }), family.thinking ? t(`models.family.thinks.${family.thinking}`, { defaultValue: THINKING[family.thinking] }) : notStated],
    ['tools', t('models.family.tools', { defaultValue: 'Tools' }), family.tools === null ? notStated : family.tools ? t('models.family.yes', { defaultValue: 'Yes' }) : t('models.family.no', { defaultValue: 'No' })],
    ['trained', t('models.family.trainedContext', { defaultValue: 'Trained context' }), tokens(family.trainedContext)],
    ['used', t('models.family.contextUsed', { defaultValue: 'Context Hearth uses' }), family.contextUsed === null ? t('models.family.whenLoaded', { defaultValue: 'Known once loaded' }) : tokens(family.contextUsed)],
    ['licence', t('models.family.licence', { defaultValue: 'Licence' }), family.licence ?? notStated],
  ];
  return (
    <>
      <dl className="model-facts" data-testid="model-family">
        {facts.map(([key, label, value]) => (
          <div key={key} data-fact={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {family.templateFallback && (
        <p className="muted" role="note" data-testid="model-template-fallback">
          {t('models.family.fallback', { reason: family.templateFallback, defaultValue: 'Plain-text chat: {{reason}}' })}
        </p>
      )}
    </>
  );
}
