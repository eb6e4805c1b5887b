import { useTranslation } from 'react-i18next';
import { splitSnippet } from '../../lib/splitSnippet.js';
import { formatNumber, formatWhen } from '../../lib/format.js';
import { useHearth } from '../../store/StoreContext.js';

export function SearchResults() {
  const { t } = useTranslation();
  const { hits, searching, query } = useHearth((s) => s.search);
  const selectChat = useHearth((s) => s.selectChat);
  const setFocusMessage = useHearth((s) => s.setFocusMessage);
  if (hits.length === 0) {
    return (
      <p className="sidebar-empty" role="status">
        {searching ? t('search.searching') : t('search.nothing', { query: query.trim() })}
      </p>
    );
  }
  return (
    <ul className="search-results" aria-label={t('search.results', { count: hits.length, n: formatNumber(hits.length) })}>
      {hits.map((hit) => (
        <li key={hit.messageId}>
          <button
            type="button"
            className="search-result"
            onClick={() => {
              selectChat(hit.chatId);
              setFocusMessage(hit.messageId);
            }}
            data-testid="search-result"
            data-chat-id={hit.chatId}
            data-message-id={hit.messageId}
          >
            <span className="search-result-title">
              {hit.chatTitle}
              <time>{formatWhen(hit.createdAt)}</time>
            </span>
            <span className="search-result-snippet">
              {hit.role === 'user' ? t('search.you') : ''}
              {splitSnippet(hit.snippet).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
