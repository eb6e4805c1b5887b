import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog.js';
import { activeChat } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { fromDraft, SAMPLING_FIELDS, samplingHint, samplingLabel, toDraft } from './samplingForm.js';
import { parseThinkingBudget, ThinkingSettings } from './ThinkingSettings.js';

/** Per-chat settings: model, system prompt, sampling, thinking. Saved with chats.update (or kept for the draft). */
export function ChatSettingsDialog() {
  const { t } = useTranslation();
  const chat = useHearth(activeChat);
  const draftChat = useHearth((s) => s.draft);
  const models = useHearth((s) => s.models);
  const defaultPrompt = useHearth((s) => s.settings?.defaultSystemPrompt ?? '');
  const defaultModelId = useHearth((s) => s.settings?.defaultModelId ?? null);
  const update = useHearth((s) => s.updateChatSettings);
  const close = useHearth((s) => s.setChatSettingsOpen);
  const source = chat ?? draftChat;
  const [modelId, setModelId] = useState(source.modelId ?? '');
  const [systemPrompt, setSystemPrompt] = useState(source.systemPrompt ?? '');
  const [sampling, setSampling] = useState(() => toDraft(source.sampling));
  const [thinking, setThinking] = useState(source.thinking ?? 'auto');
  const [budget, setBudget] = useState(source.thinkingBudget ? String(source.thinkingBudget) : '');
  const [error, setError] = useState<string | null>(null);
  const model = models.find((m) => m.id === (modelId || defaultModelId)) ?? (models.length === 1 ? models[0] : undefined);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const parsed = fromDraft(sampling);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    const thinkingBudget = parseThinkingBudget(budget);
    if ('error' in thinkingBudget) {
      setError(thinkingBudget.error);
      return;
    }
    const ok = await update({ modelId: modelId || null, systemPrompt: systemPrompt.trim() ? systemPrompt : null, sampling: parsed.sampling, thinking, thinkingBudget: thinkingBudget.budget });
    if (ok) close(false);
  }

  return (
    <Dialog title={chat ? t('chatSettings.titleFor', { title: chat.title }) : t('chatSettings.titleNew')} onClose={() => close(false)} testId="chat-settings-dialog" wide>
      <form className="form" onSubmit={(e) => void save(e)}>
        <label className="field">
          <span>{t('routing.popover.model')}</span>
          <select value={modelId} onChange={(e) => setModelId(e.target.value)}>
            <option value="">{t('chatSettings.defaultModel')}</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('routing.editor.systemPrompt')}</span>
          <textarea value={systemPrompt} onChange={(e) => setSystemPrompt(e.target.value)} rows={4} placeholder={defaultPrompt || t('chatSettings.none')} maxLength={20_000} />
          <small>{t('chatSettings.promptHint')}</small>
        </label>
        <fieldset className="sampling-grid">
          <legend>{t('routing.editor.sampling')}</legend>
          {SAMPLING_FIELDS.map((f) => (
            <label key={f.key} className="field" title={samplingHint(f.key)}>
              <span>{samplingLabel(f.key)}</span>
              <input type="number" inputMode="decimal" min={f.min} max={f.max} step={f.step} value={sampling[f.key]} onChange={(e) => setSampling({ ...sampling, [f.key]: e.target.value })} placeholder={t('routing.editor.default')} aria-describedby={undefined} />
            </label>
          ))}
          <label className="field field-wide">
            <span>{t('chatSettings.stop')}</span>
            <textarea value={sampling.stop} onChange={(e) => setSampling({ ...sampling, stop: e.target.value })} rows={2} />
          </label>
        </fieldset>
        <ThinkingSettings mode={thinking} budget={budget} onMode={setThinking} onBudget={setBudget} model={model} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => close(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" data-testid="chat-settings-save">
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
