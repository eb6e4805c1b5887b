import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thought } from '../../../../main/contract/index.js';
import { formatNumber } from '../../lib/format.js';

/** "14 s", "2 min 5 s": whole seconds, at least 1 ("0 s" reads as nothing). */
function durationLabel(t: (key: string, values?: Record<string, string>) => string, ms: number): string {
  const total = Math.max(1, Math.round(ms / 1000));
  if (total < 60) return t('thinking.thoughtFor', { seconds: formatNumber(total) });
  return t('thinking.thoughtForMinutes', { minutes: formatNumber(Math.floor(total / 60)), seconds: formatNumber(total % 60) });
}

interface ThoughtBlockProps {
  thought: Thought;
  /** The model is thinking now (the reply streams and its answer has not started): the text shows as it comes. */
  thinking: boolean;
}

/**
 * A reasoning model's thinking, above its answer: open while it thinks, then
 * collapsed to "Thought for N s", a button that shows it again. The text is
 * plain (not Markdown): it is the model's scratch work, not its answer.
 */
export function ThoughtBlock({ thought, thinking }: ThoughtBlockProps) {
  const { t } = useTranslation();
  const id = useId();
  // null: the user has not chosen, so it follows the reply (open while thinking, closed after).
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? thinking;
  return (
    <div className="thought" data-testid="thought" data-thinking={thinking || undefined}>
      <button type="button" className="thought-toggle" aria-expanded={open} aria-controls={id} onClick={() => setChosen(!open)} data-testid="thought-toggle">
        <span className="thought-chevron" aria-hidden="true" />
        {thinking ? t('thinking.active') : durationLabel(t, thought.durationMs)}
      </button>
      {open && (
        <div className="thought-body" id={id} data-testid="thought-text">
          {/* column-reverse keeps the newest line in view while it streams, with no scroll code. */}
          <div className="thought-text">{thought.text.trim()}</div>
        </div>
      )}
    </div>
  );
}
