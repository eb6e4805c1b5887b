import { Trans, useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { DeleteAllData } from './DeleteAllData.js';
import { EncryptionSettings } from './EncryptionSettings.js';
import { EngineSettingsForm } from './EngineSettingsForm.js';
import { LanguageSettings } from './LanguageSettings.js';
import { LocalApiPanel } from './localApi/LocalApiPanel.js';
import { PromptSettings } from './PromptSettings.js';
import { ThemeSettings } from './ThemeSettings.js';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useHearth((s) => s.settings);
  const appInfo = useHearth((s) => s.appInfo);
  return (
    <div className="page" data-testid="settings-page">
      <header className="page-header">
        <h1>{t('nav.settings')}</h1>
      </header>
      {!settings ? (
        <p className="muted">{t('settings.loading')}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="engine-title">
            <h2 id="engine-title">{t('settings.engine.title')}</h2>
            <EngineSettingsForm key={JSON.stringify(settings.engine)} engine={settings.engine} />
          </section>
          <section className="card" aria-labelledby="appearance-title">
            <h2 id="appearance-title">{t('settings.appearance')}</h2>
            <LanguageSettings language={settings.language} />
            <ThemeSettings key={settings.theme} theme={settings.theme} />
          </section>
          <section className="card" aria-labelledby="prompt-title">
            <h2 id="prompt-title">{t('settings.prompt.title')}</h2>
            <PromptSettings key={settings.defaultSystemPrompt} prompt={settings.defaultSystemPrompt} />
          </section>
          <section className="card" aria-labelledby="local-api-title">
            <h2 id="local-api-title">{t('localApi.title')}</h2>
            <LocalApiPanel api={settings.api} />
          </section>
        </>
      )}
      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">{t('settings.data.title')}</h2>
        <p>
          <Trans
            i18nKey="settings.data.where"
            values={{ dir: appInfo?.dataDir ?? '…' }}
            components={{ dir: <code className="data-dir" data-testid="settings-data-dir" /> }}
          />
        </p>
        {appInfo && (
          <p className="muted">
            {t('settings.data.about', { version: appInfo.version, platform: appInfo.platform, shell: appInfo.shell === 'electron' ? t('settings.data.desktop') : t('settings.data.browser') })}
          </p>
        )}
        <DeleteAllData />
      </section>
      <section className="card" aria-labelledby="encryption-title">
        <h2 id="encryption-title">{t('settings.encryption.title')}</h2>
        <EncryptionSettings />
      </section>
    </div>
  );
}
