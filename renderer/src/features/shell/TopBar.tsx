import { IconButton } from '../../components/IconButton.js';
import { ModelPicker } from '../chat/ModelPicker.js';
import { RoutingModeSelect } from '../routing/RoutingModeSelect.js';
import { activeChat } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';

export function TopBar() {
  const title = useHearth((s) => activeChat(s)?.title ?? (s.activeChatId ? (s.chatSummaries.find((c) => c.id === s.activeChatId)?.title ?? '') : 'New chat'));
  const openSettings = useHearth((s) => s.setChatSettingsOpen);
  return (
    <header className="top-bar">
      <h1 className="chat-title" data-testid="chat-title">
        {title}
      </h1>
      <div className="top-bar-actions">
        <RoutingModeSelect />
        <ModelPicker />
        <IconButton icon="sliders" label="Chat settings" testId="chat-settings-button" onClick={() => openSettings(true)} />
      </div>
    </header>
  );
}
