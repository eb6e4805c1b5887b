import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { modelName } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { chipDetail, methodLabel, profileLook, tierLabel } from './profileLook.js';
import { ScoreBars } from './ScoreBars.js';

/** "Try the router": what Auto would decide for a text (routing.route), with every score; nothing is stored. */
export function RouterPreview() {
  const { t } = useTranslation();
  const preview = useHearth((s) => s.routerPreview);
  const profiles = useHearth((s) => s.profiles);
  const models = useHearth((s) => s.models);
  const previewRoute = useHearth((s) => s.previewRoute);
  const [text, setText] = useState(preview.text);
  const decision = preview.decision;
  const look = decision ? profileLook(profiles, decision.domain) : null;
  return (
    <div className="router-preview">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void previewRoute(text);
        }}
      >
        <label className="field">
          <span>{t('routing.preview.message')}</span>
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void previewRoute(text);
              }
            }}
            rows={2}
            placeholder={t('routing.preview.placeholder')}
            data-testid="router-preview-input"
          />
        </label>
        <button type="submit" className="button" disabled={text.trim() === '' || preview.pending} data-testid="router-preview-button">
          {preview.pending ? t('routing.preview.routing') : t('routing.preview.route')}
        </button>
      </form>
      {decision && look && (
        <div className="router-preview-result" data-testid="router-preview-result" data-domain={decision.domain} aria-live="polite">
          <p>
            {t('routing.preview.goesTo')}{' '}
            <strong style={{ color: look.color }}>
              {look.icon} {look.name}
            </strong>{' '}
            · {chipDetail(decision)} · {tierLabel(decision.tier)} · {decision.modelId ? modelName(models, decision.modelId) : t('routing.noModelInstalled')}
            <span className="muted"> ({methodLabel(decision.method)})</span>
          </p>
          {decision.fallback && <p className="routing-fallback">{decision.fallback}</p>}
          <ScoreBars scores={decision.scores} profiles={profiles} chosen={decision.domain} />
          {decision.reasons.length > 0 && (
            <ul className="routing-reasons">
              {decision.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
