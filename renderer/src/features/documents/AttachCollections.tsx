import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { activeChat } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { isAbsolutePath } from './splitPaths.js';

const NONE: string[] = [];

interface AttachCollectionsProps {
  /** Adds a file by its typed path to the files sent with the next message (where a drop cannot give Hearth paths). */
  onAddFile(path: string): void;
}

/**
 * The composer's documents button: a menu of collections to attach to the chat
 * (or the draft), and a field to send a single file by path. The attached
 * collections show as removable chips beside it, so the chat says what it answers from.
 */
export function AttachCollections({ onAddFile }: AttachCollectionsProps) {
  const { t } = useTranslation();
  const collections = useHearth((s) => s.docCollections);
  const load = useHearth((s) => s.loadDocCollections);
  const attached = useHearth((s) => activeChat(s)?.collectionIds ?? (s.activeChatId ? NONE : s.draft.collectionIds));
  const toggle = useHearth((s) => s.toggleChatCollection);
  const setView = useHearth((s) => s.setView);
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => rootRef.current?.contains(e.target as Node) || setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const byId = new Map(collections.map((c) => [c.id, c]));

  function addFile(e: React.FormEvent) {
    e.preventDefault();
    const p = path.trim();
    if (!isAbsolutePath(p)) return;
    onAddFile(p);
    setPath('');
  }

  return (
    <div
      className="attach"
      ref={rootRef}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        // Focus goes back to the button, not to the page, when the menu it was in closes.
        e.stopPropagation();
        setOpen(false);
        buttonRef.current?.focus();
      }}
    >
      <button ref={buttonRef} type="button" className="button button-small" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)} data-testid="attach-button">
        <Icon name="paperclip" /> {t('documents.attach.button')}
      </button>
      {attached.length > 0 && (
        <ul className="chips" aria-label={t('documents.attach.attached')} data-testid="attached-collections">
          {attached.map((id) => (
            <li key={id} className="chip" data-testid="attached-collection" data-collection-id={id}>
              <Icon name="doc" size={12} /> {byId.get(id)?.name ?? id}
              <button type="button" className="chip-remove" aria-label={t('documents.attach.detach', { name: byId.get(id)?.name ?? id })} onClick={() => void toggle(id)} data-testid="detach-collection">
                <Icon name="x" size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <div id={menuId} className="attach-menu" role="group" aria-label={t('documents.attach.label')} data-testid="attach-menu">
          <fieldset>
            <legend>{t('documents.attach.label')}</legend>
            {collections.length === 0 && <p className="muted">{t('documents.attach.none')}</p>}
            {collections.map((c) => (
              <label key={c.id} className="attach-option">
                <input type="checkbox" checked={attached.includes(c.id)} onChange={() => void toggle(c.id)} data-testid="attach-option" data-collection-id={c.id} />
                {c.name}
              </label>
            ))}
          </fieldset>
          <form className="attach-file" onSubmit={addFile}>
            <label className="field">
              <span>{t('documents.attach.filePath')}</span>
              <input value={path} onChange={(e) => setPath(e.target.value)} placeholder={t('documents.create.placeholder')} spellCheck={false} dir="ltr" data-testid="attach-file-input" />
            </label>
            <button type="submit" className="button button-small" disabled={!isAbsolutePath(path.trim())} data-testid="attach-file-button">
              {t('documents.attach.addFile')}
            </button>
          </form>
          <button type="button" className="link-button" onClick={() => setView('documents')}>
            {t('documents.attach.manage')}
          </button>
        </div>
      )}
    </div>
  );
}
