import { useTranslation } from 'react-i18next';
import type { Chat, ModelDetails } from '../../../../main/contract/index.js';
import { t as translate } from '../../i18n/i18n.js';

export type ThinkingMode = NonNullable<Chat['thinking']>;
const MODES: ThinkingMode[] = ['auto', 'on', 'off'];
export const MAX_THINKING_BUDGET = 1_000_000;

/** The budget field ('' for no cap) as chats.update takes it, or the problem in words. */
export function parseThinkingBudget(raw: string): { budget: number | null } | { error: string } {
  const text = raw.trim();
  if (text === '') return { budget: null };
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_THINKING_BUDGET) return { error: translate('thinking.settings.budgetError') };
  return { budget: n };
}

interface ThinkingSettingsProps {
  mode: ThinkingMode;
  budget: string;
  onMode(mode: ThinkingMode): void;
  onBudget(budget: string): void;
  /** The model the chat will use, for a hint when it does not think (or always does). */
  model: ModelDetails | undefined;
}

/** The chat's thinking switch and budget, with a word on what the chosen model does with them. */
export function ThinkingSettings({ mode, budget, onMode, onBudget, model }: ThinkingSettingsProps) {
  const { t } = useTranslation();
  const capability = model?.family?.thinking ?? null;
  return (
    <fieldset className="sampling-grid" data-testid="thinking-settings">
      <legend>{t('thinking.settings.legend')}</legend>
      <label className="field">
        <span>{t('thinking.settings.mode')}</span>
        <select value={mode} onChange={(e) => onMode(e.target.value as ThinkingMode)} data-testid="thinking-mode">
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`thinking.settings.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('thinking.settings.budget')}</span>
        <input type="number" inputMode="numeric" min={1} max={MAX_THINKING_BUDGET} step={1} value={budget} onChange={(e) => onBudget(e.target.value)} placeholder={t('thinking.settings.noLimit')} data-testid="thinking-budget" />
      </label>
      <small className="field-wide">{t('thinking.settings.hint')}</small>
      {model && (capability === 'none' || capability === 'always') && (
        <small className="field-wide" data-testid="thinking-model-hint" data-capability={capability}>
          {t(capability === 'none' ? 'thinking.settings.notThinking' : 'thinking.settings.alwaysThinks', { model: model.name })}
        </small>
      )}
    </fieldset>
  );
}
