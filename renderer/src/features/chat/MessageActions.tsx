import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../main/contract/index.js';
import { IconButton } from '../../components/IconButton.js';
import { useHearth } from '../../store/StoreContext.js';
import { useCopy } from './useCopy.js';

interface MessageActionsProps {
  message: Message;
  canRegenerate: boolean;
  canEdit: boolean;
  onEdit: () => void;
}

export function MessageActions({ message, canRegenerate, canEdit, onEdit }: MessageActionsProps) {
  const { t } = useTranslation();
  const regenerate = useHearth((s) => s.regenerate);
  const { copied, copy } = useCopy();
  return (
    <div className="message-actions">
      {message.content && <IconButton icon={copied ? 'check' : 'copy'} label={copied ? t('chat.copied') : t('chat.actions.copy')} testId="copy-message-button" onClick={() => copy(message.content)} />}
      {canEdit && <IconButton icon="pencil" label={t('chat.actions.edit')} testId="edit-button" onClick={onEdit} />}
      {canRegenerate && <IconButton icon="refresh" label={t('chat.actions.regenerate')} testId="regenerate-button" onClick={() => void regenerate(message.chatId)} />}
    </div>
  );
}
