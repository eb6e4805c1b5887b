import { useTranslation } from 'react-i18next';
import { IconButton } from '../../components/IconButton.js';
import { ModelPicker } from '../chat/ModelPicker.js';
import { RoutingModeSelect } from '../routing/RoutingModeSelect.js';
import { activeChat } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';

export function TopBar() {
  const { t } = useTranslation();
  // null: a chat not yet created, named in the UI language below.
  const title = useHearth((s) => activeChat(s)?.title ?? (s.activeChatId ? (s.chatSummaries.find((c) => c.id === s.activeChatId)?.title ?? '') : null));
  const openSettings = useHearth((s) => s.setChatSettingsOpen);
  return (
    <header className="top-bar">
      <h1 className="chat-title" data-testid="chat-title">
        {title ?? t('sidebar.newChat')}
      </h1>
      <div className="top-bar-actions">
        <RoutingModeSelect />
        <ModelPicker />
        <IconButton icon="sliders" label={t('topBar.chatSettings')} testId="chat-settings-button" onClick={() => openSettings(true)} />
      </div>
    </header>
  );
}
