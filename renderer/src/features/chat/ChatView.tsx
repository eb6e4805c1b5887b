import { Trans, useTranslation } from 'react-i18next';
import { modelName, effectiveModelId, routerPicksModel } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { ChatSettingsDialog } from './ChatSettingsDialog.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { ModelSwitchNotice } from '../routing/ModelSwitchNotice.js';

function EmptyChat() {
  const { t } = useTranslation();
  const modelId = useHearth(effectiveModelId);
  const model = useHearth((s) => modelName(s.models, modelId));
  const routed = useHearth(routerPicksModel);
  return (
    <div className="empty-chat">
      <h2>{t('chat.empty.title')}</h2>
      <p>
        {modelId === null && routed ? t('chat.empty.routed') : <Trans i18nKey="chat.empty.model" values={{ model }} components={{ b: <strong /> }} />}
      </p>
    </div>
  );
}

export function ChatView() {
  const { t } = useTranslation();
  const chatId = useHearth((s) => s.activeChatId);
  const settingsOpen = useHearth((s) => s.chatSettingsOpen);
  return (
    <section className="chat-view" aria-label={t('chat.label')}>
      {chatId ? <MessageList key={chatId} chatId={chatId} /> : <EmptyChat />}
      <ModelSwitchNotice />
      <Composer key={chatId ?? 'draft'} />
      {settingsOpen && <ChatSettingsDialog />}
    </section>
  );
}
