import { Trans, useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { ImportModelForm } from '../models/ImportModelForm.js';
import { useHearth } from '../../store/StoreContext.js';

const POINTS = ['welcome.private', 'welcome.offline', 'welcome.nothingLeaves'] as const;

/** First run: what Hearth is, and the one step to start (import a model). */
export function WelcomeScreen() {
  const { t } = useTranslation();
  const newChat = useHearth((s) => s.newChat);
  return (
    <div className="welcome" data-testid="welcome-screen">
      <div className="welcome-inner">
        <h1>
          <Icon name="lock" size={22} /> {t('welcome.title')}
        </h1>
        <p className="welcome-lead">{t('welcome.lead')}</p>
        <ul className="welcome-points">
          {POINTS.map((key) => (
            <li key={key}>
              <Trans i18nKey={key} components={{ b: <strong /> }} />
            </li>
          ))}
        </ul>
        <section className="card" aria-labelledby="welcome-import">
          <h2 id="welcome-import">{t('welcome.startTitle')}</h2>
          <p className="muted">{t('welcome.startBody')}</p>
          <ImportModelForm onImported={newChat} />
          <p className="muted welcome-later">{t('welcome.later')}</p>
        </section>
      </div>
    </div>
  );
}
