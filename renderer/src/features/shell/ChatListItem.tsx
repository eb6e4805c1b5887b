import { memo, useState } from 'react';
import type { ChatSummary } from '../../../../main/contract/index.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { IconButton } from '../../components/IconButton.js';
import { formatWhen } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';

/** One chat in the sidebar: select, rename inline (Enter saves, Escape cancels), delete after a confirmation. */
export const ChatListItem = memo(function ChatListItem({ chat }: { chat: ChatSummary }) {
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
          aria-label="Chat title"
          maxLength={200}
          autoFocus
          data-testid="chat-rename-input"
        />
      ) : (
        <button type="button" className="chat-item-select" onClick={() => selectChat(chat.id)}>
          <span className="chat-item-title">{chat.title || 'Untitled chat'}</span>
          <time className="chat-item-time">{formatWhen(chat.updatedAt)}</time>
        </button>
      )}
      {!renaming && (
        <span className="chat-item-actions">
          <IconButton
            icon="pencil"
            label={`Rename “${chat.title}”`}
            testId="chat-rename-button"
            onClick={() => {
              setTitle(chat.title);
              setRenaming(true);
            }}
          />
          <IconButton icon="trash" label={`Delete “${chat.title}”`} testId="chat-delete-button" onClick={() => setConfirming(true)} />
        </span>
      )}
      {confirming && (
        <ConfirmDialog title="Delete this chat?" confirmLabel="Delete chat" danger onConfirm={() => deleteChat(chat.id)} onClose={() => setConfirming(false)}>
          <p>
            “{chat.title}” and its {chat.messageCount} message{chat.messageCount === 1 ? '' : 's'} will be deleted from this computer. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
});
