import { useHearth } from '../../store/StoreContext.js';
import { ImportModelForm } from './ImportModelForm.js';
import { ModelCard } from './ModelCard.js';

export function ModelsPage() {
  const models = useHearth((s) => s.models);
  const loaded = useHearth((s) => s.modelsLoaded);
  return (
    <div className="page" data-testid="models-page">
      <header className="page-header">
        <h1>Models</h1>
        <p className="muted">GGUF models on this computer. They run here; nothing is sent anywhere.</p>
      </header>
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">Import a model</h2>
        <ImportModelForm />
      </section>
      <section aria-labelledby="installed-title">
        <h2 id="installed-title">Installed</h2>
        {loaded && models.length === 0 && <p className="muted">No models yet. Import a .gguf file above.</p>}
        <ul className="model-list">
          {models.map((m) => (
            <ModelCard key={m.id} model={m} />
          ))}
        </ul>
      </section>
    </div>
  );
}
