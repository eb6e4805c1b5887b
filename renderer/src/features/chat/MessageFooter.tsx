import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../main/contract/index.js';
import { BACKEND_LABEL, formatMs, formatNumber } from '../../lib/format.js';
import { modelName } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { ContextNote } from './ContextNote.js';

// Each badge's word and hint are in the catalogues (chat.badge.<kind>.text / .hint; "error" has no hint: the error says it).
const BADGES = { interrupted: true, error: false, aborted: true, length: true } as const;

function badgeFor(message: Message): keyof typeof BADGES | null {
  if (message.status === 'interrupted' || message.status === 'error') return message.status;
  if (message.finishReason === 'aborted' || message.finishReason === 'length') return message.finishReason;
  return null;
}

/** Under a reply: a badge when it did not finish normally, and its stats when it did. */
export function MessageFooter({ message }: { message: Message }) {
  const { t } = useTranslation();
  const models = useHearth((s) => s.models);
  const badge = badgeFor(message);
  const { stats } = message;
  if (!badge && !stats && !message.context?.leftOutMessages) return null;
  return (
    <div className="message-footer">
      <ContextNote message={message} />
      {badge && (
        <div className={`badge badge-${badge}`} data-testid="message-badge" data-kind={badge} role={badge === 'error' ? 'alert' : undefined}>
          <strong>{t(`chat.badge.${badge}.text`)}</strong>
          {(message.error ?? BADGES[badge]) && <span className="badge-detail">{message.error ?? t(`chat.badge.${badge}.hint`)}</span>}
        </div>
      )}
      {stats && (
        <dl className="message-stats" data-testid="message-stats">
          <div>
            <dt>{t('chat.stats.speed')}</dt>
            <dd>{t('chat.stats.tokensPerSecond', { n: formatNumber(stats.tokensPerSecond, 1) })}</dd>
          </div>
          <div>
            <dt>{t('chat.stats.firstToken')}</dt>
            <dd>{formatMs(stats.timeToFirstTokenMs)}</dd>
          </div>
          <div>
            <dt>{t('chat.stats.tokens')}</dt>
            <dd>{t('chat.stats.inOut', { prompt: formatNumber(stats.promptTokens), completion: formatNumber(stats.completionTokens) })}</dd>
          </div>
          {stats.thoughtTokens !== undefined && (
            <div data-testid="message-thought-tokens">
              <dt>{t('thinking.stats.label')}</dt>
              <dd>{t('thinking.stats.split', { thought: formatNumber(stats.thoughtTokens), answer: formatNumber(Math.max(0, stats.completionTokens - stats.thoughtTokens)) })}</dd>
            </div>
          )}
          <div>
            <dt>{t('routing.popover.model')}</dt>
            <dd>{modelName(models, stats.modelId)}</dd>
          </div>
          <div>
            <dt>{t('chat.stats.backend')}</dt>
            <dd>{BACKEND_LABEL[stats.backend]}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
