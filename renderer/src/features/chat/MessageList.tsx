import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Icon } from '../../components/Icon.js';
import { useHearth } from '../../store/StoreContext.js';
import { MessageRow } from './MessageRow.js';

const NO_IDS: string[] = [];
const END_THRESHOLD_PX = 48;
const estimateSize = () => 140;

/**
 * The chat's messages, virtualised with measured row heights. It selects the
 * ids only, so text streaming into a reply never re-renders the list. While a
 * reply streams the view stays pinned to the bottom, unless the user scrolled
 * up; then a "Jump to latest" button brings them back.
 */
export function MessageList({ chatId }: { chatId: string }) {
  const { t } = useTranslation();
  const ids = useHearth((s) => s.messageIdsByChat[chatId] ?? NO_IDS);
  const focusMessageId = useHearth((s) => s.focusMessageId);
  const setFocusMessage = useHearth((s) => s.setFocusMessage);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  // Stable while the ids are: a new function would make the virtualiser lay out every row again on
  // each re-render (a streaming reply re-renders the list whenever its row grows), not just the row that changed.
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 6,
    // Growth at the end (a streaming reply, a new message) keeps a view that is at the end there.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: END_THRESHOLD_PX,
    paddingStart: 16,
    paddingEnd: 24,
    // Let React batch the re-render a scroll causes instead of forcing it inside the scroll event:
    // while a reply streams the list scrolls every update, and a synchronous render there is a long task.
    useFlushSync: false,
  });

  const hasMessages = ids.length > 0;
  useLayoutEffect(() => {
    if (hasMessages) virtualizer.scrollToEnd();
  }, [hasMessages, virtualizer]);

  useEffect(() => {
    if (!focusMessageId) return;
    const index = ids.indexOf(focusMessageId);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'center' });
    setFocusMessage(null);
  }, [focusMessageId, ids, virtualizer, setFocusMessage]);

  function onScroll() {
    const el = scrollRef.current;
    if (el) setAtEnd(el.scrollHeight - el.scrollTop - el.clientHeight <= END_THRESHOLD_PX);
  }

  const items = virtualizer.getVirtualItems();
  return (
    <div className="message-list-wrap">
      <div ref={scrollRef} className="message-scroller" onScroll={onScroll} role="log" aria-live="polite" aria-label={t('chat.messages')} tabIndex={0} data-testid="message-list">
        <div className="message-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="message-slot" style={{ transform: `translateY(${item.start}px)` }}>
              <MessageRow messageId={ids[item.index]!} isLast={item.index === ids.length - 1} />
            </div>
          ))}
        </div>
      </div>
      {!atEnd && hasMessages && (
        <button type="button" className="jump-to-latest" onClick={() => virtualizer.scrollToEnd({ behavior: 'smooth' })} data-testid="jump-to-latest">
          <Icon name="arrowDown" /> {t('chat.jumpToLatest')}
        </button>
      )}
    </div>
  );
}
