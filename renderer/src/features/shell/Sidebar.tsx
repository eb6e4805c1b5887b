import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { useHearth } from '../../store/StoreContext.js';
import type { View } from '../../store/uiSlice.js';
import { ChatList } from './ChatList.js';
import { SearchBox } from './SearchBox.js';
import { SearchResults } from './SearchResults.js';

// Test ids stay as they were when the library page was "Models" (nav-models), so specs keep working.
const NAV: Array<{ view: View; labelKey: string; icon: 'chat' | 'cube' | 'gear' | 'route' | 'doc'; testId: string }> = [
  { view: 'chat', labelKey: 'nav.chats', icon: 'chat', testId: 'nav-chats' },
  { view: 'models', labelKey: 'nav.library', icon: 'cube', testId: 'nav-models' },
  { view: 'documents', labelKey: 'nav.documents', icon: 'doc', testId: 'nav-documents' },
  { view: 'routing', labelKey: 'nav.routing', icon: 'route', testId: 'nav-routing' },
  { view: 'settings', labelKey: 'nav.settings', icon: 'gear', testId: 'nav-settings' },
];

export function Sidebar() {
  const { t } = useTranslation();
  const view = useHearth((s) => s.view);
  const setView = useHearth((s) => s.setView);
  const newChat = useHearth((s) => s.newChat);
  const searching = useHearth((s) => s.search.query.trim() !== '');
  return (
    <aside className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-header">
        <span className="brand">
          <Icon name="lock" size={14} /> {t('app.name')}
        </span>
        <button type="button" className="button button-primary new-chat" onClick={newChat} data-testid="new-chat-button">
          <Icon name="plus" /> {t('sidebar.newChat')}
        </button>
      </div>
      <SearchBox />
      <div className="sidebar-scroll">{searching ? <SearchResults /> : <ChatList />}</div>
      <nav className="sidebar-nav" aria-label={t('nav.label')}>
        {NAV.map((n) => (
          <button key={n.view} type="button" className="nav-button" aria-current={view === n.view ? 'page' : undefined} onClick={() => setView(n.view)} data-testid={n.testId}>
            <Icon name={n.icon} /> {t(n.labelKey)}
          </button>
        ))}
      </nav>
    </aside>
  );
}
