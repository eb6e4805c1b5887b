import { useHearth } from '../../store/StoreContext.js';
import { ChatView } from '../chat/ChatView.js';
import { DocumentsPage } from '../documents/DocumentsPage.js';
import { LibraryPage } from '../library/LibraryPage.js';
import { RoutingPage } from '../routing/RoutingPage.js';
import { SettingsPage } from '../settings/SettingsPage.js';
import { WelcomeScreen } from '../welcome/WelcomeScreen.js';
import { Sidebar } from './Sidebar.js';
import { StatusBar } from './StatusBar.js';
import { Toasts } from './Toasts.js';
import { TopBar } from './TopBar.js';
import { useGlobalShortcuts } from './useGlobalShortcuts.js';
import { useLanguage } from './useLanguage.js';
import { useTheme } from './useTheme.js';

export function App({ shell }: { shell: 'electron' | 'browser' }) {
  const view = useHearth((s) => s.view);
  const firstRun = useHearth((s) => s.modelsLoaded && s.models.length === 0 && s.chatSummaries.length === 0);
  useTheme();
  useLanguage();
  useGlobalShortcuts();
  return (
    <div className="app-shell" data-testid="app-shell" data-shell={shell}>
      <Sidebar />
      <main className="main" id="main">
        {view === 'chat' && !firstRun && <TopBar />}
        <div className="main-content">
          {view === 'models' ? (
            <LibraryPage />
          ) : view === 'settings' ? (
            <SettingsPage />
          ) : view === 'routing' ? (
            <RoutingPage />
          ) : view === 'documents' ? (
            <DocumentsPage />
          ) : firstRun ? (
            <WelcomeScreen />
          ) : (
            <ChatView />
          )}
        </div>
      </main>
      <StatusBar />
      <Toasts />
    </div>
  );
}
