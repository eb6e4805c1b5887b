import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';
import { ImportModelForm } from './ImportModelForm.js';
import { ModelCard } from './ModelCard.js';

/** The models Hearth can run (load, verify, delete), and importing one by path. */
export function InstalledModels() {
  const { t } = useTranslation();
  const models = useHearth((s) => s.models);
  const loaded = useHearth((s) => s.modelsLoaded);
  return (
    <>
      <section aria-labelledby="installed-title" data-testid="installed-section">
        <h2 id="installed-title">{t('models.installed')}</h2>
        {loaded && models.length === 0 && <p className="muted">{t('models.none')}</p>}
        <ul className="model-list">
          {models.map((m) => (
            <ModelCard key={m.id} model={m} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t('import.title')}</h2>
        <ImportModelForm />
      </section>
    </>
  );
}
