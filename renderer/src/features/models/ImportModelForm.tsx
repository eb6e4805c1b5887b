import { useId, useState } from 'react';
import { Icon } from '../../components/Icon.js';
import { useHearth } from '../../store/StoreContext.js';

/**
 * Imports a GGUF: the OS file dialog in Electron (models.pickFile), a typed
 * path in browser mode. Copy puts the file in Hearth's data folder; link uses
 * it where it is.
 */
export function ImportModelForm({ onImported }: { onImported?: () => void }) {
  const shell = useHearth((s) => s.appInfo?.shell ?? null);
  const importing = useHearth((s) => s.importing);
  const importModel = useHearth((s) => s.importModel);
  const pickModelFile = useHearth((s) => s.pickModelFile);
  const [path, setPath] = useState('');
  const [mode, setMode] = useState<'copy' | 'link'>('link');
  const id = useId();
  const electron = shell === 'electron';

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!path.trim()) return;
    if (await importModel(path.trim(), mode)) {
      setPath('');
      onImported?.();
    }
  }

  return (
    <form className="form import-form" onSubmit={(e) => void submit(e)}>
      <div className="import-path-row">
        <label className="field field-grow" htmlFor={`${id}-path`}>
          <span>{electron ? 'Model file' : 'Path of the .gguf file on this computer'}</span>
          <input
            id={`${id}-path`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={electron ? 'Choose a .gguf file…' : '/home/me/Downloads/model-q4_k_m.gguf'}
            readOnly={electron}
            spellCheck={false}
            data-testid="import-path-input"
          />
        </label>
        {electron && (
          <button
            type="button"
            className="button"
            onClick={async () => {
              const picked = await pickModelFile();
              if (picked) setPath(picked);
            }}
            data-testid="import-pick-button"
          >
            <Icon name="folder" /> Choose file…
          </button>
        )}
      </div>
      <fieldset className="radio-row">
        <legend>How to add it</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'link'} onChange={() => setMode('link')} data-testid="import-mode-link" />
          Use it where it is <small>(no extra disk space; keep the file in place)</small>
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'copy'} onChange={() => setMode('copy')} data-testid="import-mode-copy" />
          Copy into Hearth's data folder <small>(safe to move or delete the original)</small>
        </label>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={!path.trim() || importing} data-testid="import-button">
        {importing ? 'Checking and importing…' : 'Import model'}
      </button>
    </form>
  );
}
