import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { streamingMessageId } from '../../store/chatSlice.js';
import { effectiveModelId, routerPicksModel } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { AttachCollections } from '../documents/AttachCollections.js';
import { baseName } from '../documents/splitPaths.js';
import { droppedPaths } from './droppedPaths.js';
import { useAutosize } from './useAutosize.js';

/**
 * Message box: Enter sends, Shift+Enter starts a new line, Stop while a reply streams.
 * Files dropped on it wait as removable chips and go with the next message.
 */
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
  const pushToast = useHearth((s) => s.pushToast);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const ref = useAutosize(text);

  const noModel = modelId === null && !routed;
  const canSend = !noModel && !streamingId && !sending && text.trim().length > 0;

  async function submit() {
    if (!canSend) return;
    if (await sendMessage(text, files)) {
      setText('');
      setFiles([]);
    }
    // Back to the message box for the next message, unless the user went elsewhere while it was sent
    // (the search box, say): taking focus then would send their typing into the composer.
    const active = document.activeElement;
    if (!active || active === document.body || ref.current?.form?.contains(active)) ref.current?.focus();
  }

  const addFiles = (paths: string[]) => setFiles((before) => [...new Set([...before, ...paths])].slice(0, 100));

  function onDrop(e: React.DragEvent) {
    e.preventDefault();
    setDragging(false);
    const bridge = window.hearth;
    const pathOf = bridge ? (file: File) => bridge.pathForFile(file) : undefined;
    const paths = droppedPaths({ uriList: e.dataTransfer.getData('text/uri-list'), files: [...e.dataTransfer.files], pathOf });
    if (paths.length > 0) addFiles(paths);
    else if (e.dataTransfer.files.length > 0) pushToast('info', t('documents.attach.noPath'));
  }

  return (
    <form
      className={`composer ${dragging ? 'composer-dragging' : ''}`}
      data-testid="composer"
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].some((type) => type === 'Files' || type === 'text/uri-list')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
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
      <div className="composer-attachments">
        <AttachCollections onAddFile={(p) => addFiles([p])} />
        {files.length > 0 && (
          <ul className="chips" aria-label={t('documents.attach.files')} data-testid="composer-files">
            {files.map((f) => (
              <li key={f} className="chip" title={f} data-testid="composer-file" data-path={f}>
                <Icon name="doc" size={12} /> {baseName(f)}
                <button type="button" className="chip-remove" aria-label={t('documents.attach.removeFile', { name: baseName(f) })} onClick={() => setFiles(files.filter((x) => x !== f))} data-testid="composer-file-remove">
                  <Icon name="x" size={12} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
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
