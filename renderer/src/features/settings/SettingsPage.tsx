import { useHearth } from '../../store/StoreContext.js';
import { DeleteAllData } from './DeleteAllData.js';
import { EngineSettingsForm } from './EngineSettingsForm.js';
import { PromptSettings } from './PromptSettings.js';
import { ThemeSettings } from './ThemeSettings.js';

export function SettingsPage() {
  const settings = useHearth((s) => s.settings);
  const appInfo = useHearth((s) => s.appInfo);
  return (
    <div className="page" data-testid="settings-page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      {!settings ? (
        <p className="muted">Loading settings…</p>
      ) : (
        <>
          <section className="card" aria-labelledby="engine-title">
            <h2 id="engine-title">Engine</h2>
            <EngineSettingsForm key={JSON.stringify(settings.engine)} engine={settings.engine} />
          </section>
          <section className="card" aria-labelledby="appearance-title">
            <h2 id="appearance-title">Appearance</h2>
            <ThemeSettings key={settings.theme} theme={settings.theme} />
          </section>
          <section className="card" aria-labelledby="prompt-title">
            <h2 id="prompt-title">Default system prompt</h2>
            <PromptSettings key={settings.defaultSystemPrompt} prompt={settings.defaultSystemPrompt} />
          </section>
        </>
      )}
      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">Your data</h2>
        <p>
          Chats, settings and imported models live in{' '}
          <code className="data-dir" data-testid="settings-data-dir">
            {appInfo?.dataDir ?? '…'}
          </code>
          . Nothing is sent anywhere.
        </p>
        {appInfo && (
          <p className="muted">
            Hearth {appInfo.version} · {appInfo.platform} · {appInfo.shell === 'electron' ? 'desktop app' : 'browser mode'}
          </p>
        )}
        <DeleteAllData />
      </section>
    </div>
  );
}
