import type { Message } from '../../../../main/contract/index.js';
import { BACKEND_LABEL, formatMs } from '../../lib/format.js';
import { modelName } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { ContextNote } from './ContextNote.js';

const BADGES = {
  interrupted: { text: 'Interrupted', hint: 'Hearth stopped before this reply finished; the text so far was kept.' },
  error: { text: 'Failed', hint: null },
  aborted: { text: 'Stopped', hint: 'You stopped this reply.' },
  length: { text: 'Cut off', hint: 'The reply reached its token limit.' },
} as const;

function badgeFor(message: Message): keyof typeof BADGES | null {
  if (message.status === 'interrupted' || message.status === 'error') return message.status;
  if (message.finishReason === 'aborted' || message.finishReason === 'length') return message.finishReason;
  return null;
}

/** Under a reply: a badge when it did not finish normally, and its stats when it did. */
export function MessageFooter({ message }: { message: Message }) {
  const models = useHearth((s) => s.models);
  const badge = badgeFor(message);
  const { stats } = message;
  if (!badge && !stats && !message.context?.leftOutMessages) return null;
  return (
    <div className="message-footer">
      <ContextNote message={message} />
      {badge && (
        <div className={`badge badge-${badge}`} data-testid="message-badge" data-kind={badge} role={badge === 'error' ? 'alert' : undefined}>
          <strong>{BADGES[badge].text}</strong>
          {(message.error ?? BADGES[badge].hint) && <span className="badge-detail">{message.error ?? BADGES[badge].hint}</span>}
        </div>
      )}
      {stats && (
        <dl className="message-stats" data-testid="message-stats">
          <div>
            <dt>Speed</dt>
            <dd>{stats.tokensPerSecond.toFixed(1)} tok/s</dd>
          </div>
          <div>
            <dt>First token</dt>
            <dd>{formatMs(stats.timeToFirstTokenMs)}</dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd>
              {stats.promptTokens} in · {stats.completionTokens} out
            </dd>
          </div>
          <div>
            <dt>Model</dt>
            <dd>{modelName(models, stats.modelId)}</dd>
          </div>
          <div>
            <dt>Backend</dt>
            <dd>{BACKEND_LABEL[stats.backend]}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
