import { modelName, effectiveModelId, routerPicksModel } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { ChatSettingsDialog } from './ChatSettingsDialog.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { ModelSwitchNotice } from '../routing/ModelSwitchNotice.js';

function EmptyChat() {
  const modelId = useHearth(effectiveModelId);
  const model = useHearth((s) => modelName(s.models, modelId));
  const routed = useHearth(routerPicksModel);
  return (
    <div className="empty-chat">
      <h2>What shall we talk about?</h2>
      <p>
        Replies come from {modelId === null && routed ? 'the model each message’s profile prefers' : <strong>{model}</strong>}, running on this computer. Nothing you write leaves it.
      </p>
    </div>
  );
}

export function ChatView() {
  const chatId = useHearth((s) => s.activeChatId);
  const settingsOpen = useHearth((s) => s.chatSettingsOpen);
  return (
    <section className="chat-view" aria-label="Chat">
      {chatId ? <MessageList key={chatId} chatId={chatId} /> : <EmptyChat />}
      <ModelSwitchNotice />
      <Composer key={chatId ?? 'draft'} />
      {settingsOpen && <ChatSettingsDialog />}
    </section>
  );
}
