import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { ChatListItem } from './ChatListItem.js';

export function ChatList() {
  const { t } = useTranslation();
  const chats = useHearth((s) => s.chatSummaries);
  const loaded = useHearth((s) => s.chatsLoaded);
  if (loaded && chats.length === 0) return <p className="sidebar-empty">{t('sidebar.empty')}</p>;
  const sorted = [...chats].sort((a, b) => b.updatedAt - a.updatedAt);
  return (
    <ul className="chat-list" aria-label={t('sidebar.chats')} data-testid="chat-list">
      {sorted.map((c) => (
        <ChatListItem key={c.id} chat={c} />
      ))}
    </ul>
  );
}
