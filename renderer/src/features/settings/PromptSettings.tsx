import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';

export function PromptSettings({ prompt }: { prompt: string }) {
  const { t } = useTranslation();
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
        <span>{t('settings.prompt.label')}</span>
        <textarea value={value} onChange={(e) => setValue(e.target.value)} rows={4} maxLength={20_000} data-testid="settings-system-prompt" />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={value === prompt} data-testid="settings-system-prompt-save">
          {t('settings.prompt.save')}
        </button>
      </div>
    </form>
  );
}
