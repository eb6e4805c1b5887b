import { useState } from 'react';
import { useHearth } from '../../store/StoreContext.js';

export function PromptSettings({ prompt }: { prompt: string }) {
  const update = useHearth((s) => s.updateSettings);
  const [value, setValue] = useState(prompt);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void update({ defaultSystemPrompt: value });
      }}
    >
      <label className="field">
        <span>Used by chats without their own system prompt</span>
        <textarea value={value} onChange={(e) => setValue(e.target.value)} rows={4} maxLength={20_000} data-testid="settings-system-prompt" />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={value === prompt} data-testid="settings-system-prompt-save">
          Save prompt
        </button>
      </div>
    </form>
  );
}
