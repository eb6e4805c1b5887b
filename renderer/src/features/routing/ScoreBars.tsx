import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../../main/contract/index.js';
import { formatNumber } from '../../lib/format.js';
import { profileLook } from './profileLook.js';

interface ScoreBarsProps {
  /** Per domain: a score (0..1) or, with `max`, a count. */
  scores: Record<string, number>;
  profiles: readonly Profile[];
  /** The domain that was chosen: marked in the list. */
  chosen?: string | null;
  /** The value of a full bar; 1 for scores. */
  max?: number;
  format?: (value: number) => string;
  testId?: string;
}

const twoDecimals = (value: number) => formatNumber(value, 2);

/** Each domain's value as a bar in its profile's colour, highest first. */
export function ScoreBars({ scores, profiles, chosen = null, max = 1, format = twoDecimals, testId = 'routing-scores' }: ScoreBarsProps) {
  const { t } = useTranslation();
  const rows = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return <p className="muted">{t('routing.nothingYet')}</p>;
  return (
    <ul className="score-bars" data-testid={testId}>
      {rows.map(([domain, value]) => {
        const look = profileLook(profiles, domain);
        const clamped = Math.max(0, Math.min(max, value));
        return (
          <li key={domain} className={`score-bar ${domain === chosen ? 'score-bar-chosen' : ''}`} data-testid="routing-score" data-domain={domain} data-value={value}>
            <span className="score-bar-name">
              <span aria-hidden="true">{look.icon}</span> {look.name}
            </span>
            <span className="score-bar-track" role="meter" aria-label={look.name} aria-valuemin={0} aria-valuemax={max} aria-valuenow={clamped} aria-valuetext={format(value)}>
              <span className="score-bar-fill" style={{ width: `${max > 0 ? (clamped / max) * 100 : 0}%`, background: look.color }} />
            </span>
            <span className="score-bar-value">{format(value)}</span>
          </li>
        );
      })}
    </ul>
  );
}
