import { Icon } from '../../components/Icon.js';
import { useHearth } from '../../store/StoreContext.js';
import type { View } from '../../store/uiSlice.js';
import { ChatList } from './ChatList.js';
import { SearchBox } from './SearchBox.js';
import { SearchResults } from './SearchResults.js';

// Test ids stay as they were when the library page was "Models" (nav-models), so specs keep working.
const NAV: Array<{ view: View; label: string; icon: 'chat' | 'cube' | 'gear' | 'route'; testId: string }> = [
  { view: 'chat', label: 'Chats', icon: 'chat', testId: 'nav-chats' },
  { view: 'models', label: 'Model library', icon: 'cube', testId: 'nav-models' },
  { view: 'routing', label: 'Routing', icon: 'route', testId: 'nav-routing' },
  { view: 'settings', label: 'Settings', icon: 'gear', testId: 'nav-settings' },
];

export function Sidebar() {
  const view = useHearth((s) => s.view);
  const setView = useHearth((s) => s.setView);
  const newChat = useHearth((s) => s.newChat);
  const searching = useHearth((s) => s.search.query.trim() !== '');
  return (
    <aside className="sidebar" aria-label="Chats and navigation">
      <div className="sidebar-header">
        <span className="brand">
          <Icon name="lock" size={14} /> Hearth
        </span>
        <button type="button" className="button button-primary new-chat" onClick={newChat} data-testid="new-chat-button">
          <Icon name="plus" /> New chat
        </button>
      </div>
      <SearchBox />
      <div className="sidebar-scroll">{searching ? <SearchResults /> : <ChatList />}</div>
      <nav className="sidebar-nav" aria-label="Sections">
        {NAV.map((n) => (
          <button key={n.view} type="button" className="nav-button" aria-current={view === n.view ? 'page' : undefined} onClick={() => setView(n.view)} data-testid={n.testId}>
            <Icon name={n.icon} /> {n.label}
          </button>
        ))}
      </nav>
    </aside>
  );
}
