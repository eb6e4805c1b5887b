import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { streamingMessageId } from '../../store/chatSlice.js';
import { useHearth } from '../../store/StoreContext.js';
import { ReplySources } from '../documents/ReplySources.js';
import { RoutingChip } from '../routing/RoutingChip.js';
import { Markdown } from './Markdown.js';
import { MessageActions } from './MessageActions.js';
import { MessageEditor } from './MessageEditor.js';
import { MessageFooter } from './MessageFooter.js';
import { ThoughtBlock } from './ThoughtBlock.js';

interface MessageRowProps {
  messageId: string;
  isLast: boolean;
}

/**
 * One message. It selects its own message by id, so a delta to the streaming
 * reply re-renders that row and no other (the list above selects ids only).
 */
export const MessageRow = memo(function MessageRow({ messageId, isLast }: MessageRowProps) {
  const { t } = useTranslation();
  const message = useHearth((s) => s.messagesById[messageId]);
  const chatBusy = useHearth((s) => {
    const m = s.messagesById[messageId];
    return s.sending || (m ? streamingMessageId(s, m.chatId) !== null : false);
  });
  const [editing, setEditing] = useState(false);
  if (!message) return null;

  const streaming = message.status === 'streaming';
  const isUser = message.role === 'user';
  return (
    <article
      className={`message message-${message.role}`}
      data-testid="message-row"
      data-role={message.role}
      data-status={message.status}
      data-message-id={message.id}
      aria-label={isUser ? t('chat.you') : t('app.name')}
      aria-busy={streaming || undefined}
    >
      <div className="message-head">
        <div className="message-author" aria-hidden="true">
          {isUser ? t('chat.you') : t('app.name')}
        </div>
        {!isUser && message.routing && <RoutingChip message={{ ...message, routing: message.routing }} canReroute={!streaming && !chatBusy} />}
      </div>
      {!isUser && message.thought?.text && <ThoughtBlock thought={message.thought} thinking={streaming && message.content === ''} />}
      {editing ? (
        <MessageEditor messageId={message.id} initialText={message.content} onDone={() => setEditing(false)} />
      ) : (
        <div className={isUser ? 'message-content message-text' : 'message-content markdown'} data-testid="message-content">
          {isUser ? message.content : <Markdown text={message.content} streaming={streaming} citations={message.sources?.length ?? 0} />}
          {streaming && message.content === '' && !message.thought?.text && <span className="typing" aria-label={t('chat.writing')} />}
        </div>
      )}
      {!isUser && !editing && !streaming && message.sources && <ReplySources sources={message.sources} messageId={message.id} />}
      {!isUser && message.routing?.fallback && (
        <p className="reply-fallback" data-testid="reply-fallback">
          {message.routing.fallback}
        </p>
      )}
      {!isUser && <MessageFooter message={message} />}
      {!editing && !streaming && (
        <MessageActions message={message} canRegenerate={!isUser && isLast && !chatBusy} canEdit={isUser && !chatBusy} onEdit={() => setEditing(true)} />
      )}
    </article>
  );
});
