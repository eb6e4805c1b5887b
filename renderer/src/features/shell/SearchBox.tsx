import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { useHearth } from '../../store/StoreContext.js';

const DEBOUNCE_MS = 200;

/** Full-text search over every chat (chats.search), debounced while typing. */
export function SearchBox() {
  const { t } = useTranslation();
  const searchChats = useHearth((s) => s.searchChats);
  const [value, setValue] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => void searchChats(value), value.trim() ? DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [value, searchChats]);
  return (
    <div className="search-box" role="search">
      <Icon name="search" />
      <input
        type="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setValue('')}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        maxLength={500}
        data-testid="chat-search"
      />
    </div>
  );
}
