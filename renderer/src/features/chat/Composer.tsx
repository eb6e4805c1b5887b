import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { streamingMessageId } from '../../store/chatSlice.js';
import { effectiveModelId, routerPicksModel } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { useAutosize } from './useAutosize.js';

/** Message box: Enter sends, Shift+Enter starts a new line, Stop while a reply streams. */
export function Composer() {
  const { t } = useTranslation();
  const chatId = useHearth((s) => s.activeChatId);
  const streamingId = useHearth((s) => streamingMessageId(s, s.activeChatId));
  const sending = useHearth((s) => s.sending);
  const modelId = useHearth(effectiveModelId);
  const routed = useHearth(routerPicksModel);
  const hasModels = useHearth((s) => s.models.length > 0);
  const sendMessage = useHearth((s) => s.sendMessage);
  const stopReply = useHearth((s) => s.stopReply);
  const setView = useHearth((s) => s.setView);
  const [text, setText] = useState('');
  const ref = useAutosize(text);

  const noModel = modelId === null && !routed;
  const canSend = !noModel && !streamingId && !sending && text.trim().length > 0;

  async function submit() {
    if (!canSend) return;
    if (await sendMessage(text)) setText('');
    ref.current?.focus();
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {noModel && (
        <p className="composer-hint" data-testid="composer-hint">
          {hasModels ? t('composer.chooseModel') : `${t('composer.noModelInstalled')} `}
          {!hasModels && (
            <button type="button" className="link-button" onClick={() => setView('models')}>
              {t('import.title')}
            </button>
          )}
        </p>
      )}
      <div className="composer-box">
        <textarea
          ref={ref}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
          placeholder={noModel ? t('composer.noModelPlaceholder') : t('composer.placeholder')}
          aria-label={t('composer.label')}
          rows={1}
          disabled={noModel}
          data-testid="composer-input"
          autoFocus
        />
        {streamingId && chatId ? (
          <button type="button" className="button composer-stop" onClick={() => void stopReply(chatId)} aria-label={t('composer.stopLabel')} data-testid="stop-button">
            <Icon name="stop" /> {t('composer.stop')}
          </button>
        ) : (
          <button type="submit" className="button button-primary composer-send" disabled={!canSend} aria-label={t('composer.send')} data-testid="send-button">
            <Icon name="send" />
          </button>
        )}
      </div>
    </form>
  );
}
