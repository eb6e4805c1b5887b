import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../main/contract/index.js';
import { modelName } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';

/**
 * Under a reply whose prompt could not hold the whole chat: how many earlier
 * messages were left out of the model's context, and the way to raise it.
 * Nothing is dropped silently.
 */
export function ContextNote({ message }: { message: Message }) {
  const { t, i18n } = useTranslation();
  const models = useHearth((s) => s.models);
  const setView = useHearth((s) => s.setView);
  const context = message.context;
  if (!context || context.leftOutMessages === 0) return null;
  const model = modelName(models, message.modelId ?? '');
  return (
    <p className="context-note" data-testid="context-note" data-left-out={context.leftOutMessages}>
      {t('chat.context.leftOut', {
        count: context.leftOutMessages,
        model,
        window: new Intl.NumberFormat(i18n.language).format(context.windowTokens),
      })}{' '}
      <button type="button" className="link-button" onClick={() => setView('settings')}>
        {t('chat.context.raise')}
      </button>
    </p>
  );
}
