import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatSummary } from '../../../../main/contract/index.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { IconButton } from '../../components/IconButton.js';
import { formatNumber, formatWhen } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';

/** One chat in the sidebar: select, rename inline (Enter saves, Escape cancels), delete after a confirmation. */
export const ChatListItem = memo(function ChatListItem({ chat }: { chat: ChatSummary }) {
  const { t } = useTranslation();
  const active = useHearth((s) => s.activeChatId === chat.id && s.view === 'chat');
  const selectChat = useHearth((s) => s.selectChat);
  const renameChat = useHearth((s) => s.renameChat);
  const deleteChat = useHearth((s) => s.deleteChat);
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(chat.title);
  const [confirming, setConfirming] = useState(false);

  async function commitRename() {
    const next = title.trim();
    setRenaming(false);
    if (next && next !== chat.title) await renameChat(chat.id, next.slice(0, 200));
    else setTitle(chat.title);
  }

  return (
    <li className="chat-item" data-testid="chat-item" data-chat-id={chat.id} aria-current={active ? 'page' : undefined}>
      {renaming ? (
        <input
          className="chat-rename"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => void commitRename()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commitRename();
            if (e.key === 'Escape') {
              setTitle(chat.title);
              setRenaming(false);
            }
          }}
          aria-label={t('chatItem.titleLabel')}
          maxLength={200}
          autoFocus
          data-testid="chat-rename-input"
        />
      ) : (
        <button type="button" className="chat-item-select" onClick={() => selectChat(chat.id)}>
          <span className="chat-item-title">{chat.title || t('chatItem.untitled')}</span>
          <time className="chat-item-time">{formatWhen(chat.updatedAt)}</time>
        </button>
      )}
      {!renaming && (
        <span className="chat-item-actions">
          <IconButton
            icon="pencil"
            label={t('chatItem.rename', { title: chat.title })}
            testId="chat-rename-button"
            onClick={() => {
              setTitle(chat.title);
              setRenaming(true);
            }}
          />
          <IconButton icon="trash" label={t('chatItem.delete', { title: chat.title })} testId="chat-delete-button" onClick={() => setConfirming(true)} />
        </span>
      )}
      {confirming && (
        <ConfirmDialog title={t('chatItem.confirmTitle')} confirmLabel={t('chatItem.confirmButton')} danger onConfirm={() => deleteChat(chat.id)} onClose={() => setConfirming(false)}>
          <p>{t('chatItem.confirmBody', { title: chat.title, count: chat.messageCount, n: formatNumber(chat.messageCount) })}</p>
        </ConfirmDialog>
      )}
    </li>
  );
});
