import { Icon } from '../../components/Icon.js';
import { ImportModelForm } from '../models/ImportModelForm.js';
import { useHearth } from '../../store/StoreContext.js';

/** First run: what Hearth is, and the one step to start (import a model). */
export function WelcomeScreen() {
  const newChat = useHearth((s) => s.newChat);
  return (
    <div className="welcome" data-testid="welcome-screen">
      <div className="welcome-inner">
        <h1>
          <Icon name="lock" size={22} /> Welcome to Hearth
        </h1>
        <p className="welcome-lead">A calm place to talk with AI models that run entirely on this computer.</p>
        <ul className="welcome-points">
          <li>
            <strong>Private.</strong> Your chats are stored only here, in a folder you control.
          </li>
          <li>
            <strong>Offline.</strong> Models run on your own CPU or GPU; no account, no internet needed.
          </li>
          <li>
            <strong>Nothing leaves the machine.</strong> No telemetry, no cloud, no tracking.
          </li>
        </ul>
        <section className="card" aria-labelledby="welcome-import">
          <h2 id="welcome-import">Start by adding a model</h2>
          <p className="muted">
            Hearth runs GGUF models (the format llama.cpp uses), such as Qwen, Llama, Mistral or Phi in a Q4_K_M quantization. If you have a
            .gguf file, import it here.
          </p>
          <ImportModelForm onImported={newChat} />
          <p className="muted welcome-later">Downloading models from inside Hearth is coming later.</p>
        </section>
      </div>
    </div>
  );
}
