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
  const regenerate = useHearth((s) => s.regenerate);
  const { copied, copy } = useCopy();
  return (
    <div className="message-actions">
      {message.content && <IconButton icon={copied ? 'check' : 'copy'} label={copied ? 'Copied' : 'Copy message'} testId="copy-message-button" onClick={() => copy(message.content)} />}
      {canEdit && <IconButton icon="pencil" label="Edit message" testId="edit-button" onClick={onEdit} />}
      {canRegenerate && <IconButton icon="refresh" label="Regenerate reply" testId="regenerate-button" onClick={() => void regenerate(message.chatId)} />}
    </div>
  );
}
