import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { useAutosize } from './useAutosize.js';

interface MessageEditorProps {
  messageId: string;
  initialText: string;
  onDone: () => void;
}

/** Inline editor of a user message: Save & resend replaces it and everything after it (chat.edit). */
export function MessageEditor({ messageId, initialText, onDone }: MessageEditorProps) {
  const { t } = useTranslation();
  const editMessage = useHearth((s) => s.editMessage);
  const [text, setText] = useState(initialText);
  const [busy, setBusy] = useState(false);
  const ref = useAutosize(text);
  const unchanged = text.trim() === '' || text === initialText;

  async function save() {
    if (unchanged || busy) return;
    setBusy(true);
    const ok = await editMessage(messageId, text);
    setBusy(false);
    if (ok) onDone();
  }

  return (
    <div className="message-editor">
      <textarea
        ref={ref}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone();
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          }
        }}
        aria-label={t('chat.editor.label')}
        data-testid="edit-input"
        autoFocus
        rows={2}
      />
      <div className="message-editor-actions">
        <button type="button" className="button" onClick={onDone} data-testid="edit-cancel-button">
          {t('common.cancel')}
        </button>
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={unchanged || busy} data-testid="edit-save-button">
          {t('chat.editor.save')}
        </button>
      </div>
    </div>
  );
}
