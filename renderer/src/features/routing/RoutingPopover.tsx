import { useEffect, useRef, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Message, RoutingDecision } from '../../../../main/contract/index.js';
import { modelName } from '../../store/selectors.js';
import { useHearth } from '../../store/StoreContext.js';
import { formatNumber } from '../../lib/format.js';
import { methodLabel, modeLabel, profileLook, tierLabel } from './profileLook.js';
import { RerouteMenu } from './RerouteMenu.js';
import { ScoreBars } from './ScoreBars.js';
import { useAnchoredPosition } from './useAnchoredPosition.js';

interface RoutingPopoverProps {
  id: string;
  anchor: RefObject<HTMLElement | null>;
  message: Message & { routing: RoutingDecision };
  canReroute: boolean;
  /** refocus: give focus back to the chip (Escape, a re-route); not when the user clicked or tabbed elsewhere. */
  onClose(refocus: boolean): void;
}

/**
 * The language the router read the message as, named in the interface's own
 * language by Intl ("Spanish", "Spanisch"); null for 'und', for decisions
 * stored before languages were recorded, and for a code Intl cannot name.
 */
export function languageName(code: string | undefined, locale: string): string | null {
  if (!code || code === 'und') return null;
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    return name && name !== code ? name : null;
  } catch {
    return null;
  }
}

/**
 * Why a reply went where it did: every domain's score, the reasons, tier,
 * method, the model that answered and any fallback, and "Re-route to…".
 * A non-modal dialog: focus moves in, Escape closes it and returns to the
 * chip, a click or focus outside closes it.
 */
export function RoutingPopover({ id, anchor, message, canReroute, onClose }: RoutingPopoverProps) {
  const { t, i18n } = useTranslation();
  const { routing } = message;
  const profiles = useHearth((s) => s.profiles);
  const models = useHearth((s) => s.models);
  const reroute = useHearth((s) => s.reroute);
  // Re-routing an earlier reply replaces it and drops what followed (as editing a message does).
  const later = useHearth((s) => {
    const ids = s.messageIdsByChat[message.chatId] ?? [];
    const index = ids.indexOf(message.id);
    return index < 0 ? 0 : ids.length - index - 1;
  });
  const ref = useRef<HTMLDivElement>(null);
  const position = useAnchoredPosition(anchor, ref);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  const look = profileLook(profiles, routing.domain);
  const language = languageName(routing.language, i18n.language);

  useEffect(() => {
    ref.current?.focus();
    const onPointerDown = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !anchor.current?.contains(target)) onCloseRef.current(false);
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [anchor]);

  async function pick(domain: string) {
    onClose(true);
    await reroute(message.id, domain);
  }

  return createPortal(
    <div
      ref={ref}
      id={id}
      className="routing-popover"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      style={{ top: position.top, left: position.left }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose(true);
        }
      }}
      onBlur={(e) => {
        const next = e.relatedTarget as Node | null;
        if (next && !ref.current?.contains(next) && !anchor.current?.contains(next)) onClose(false);
      }}
      data-testid="routing-popover"
    >
      <h3 id={`${id}-title`} className="routing-popover-title">
        <span aria-hidden="true" style={{ color: look.color }}>
          {look.icon}
        </span>{' '}
        {look.name}
        <small className="muted"> · {modeLabel(routing.mode)}</small>
      </h3>
      {routing.fallback && (
        <p className="routing-fallback" role="note" data-testid="routing-fallback">
          {routing.fallback}
        </p>
      )}
      <dl className="routing-facts">
        <div>
          <dt>{t('routing.popover.confidence')}</dt>
          <dd data-testid="routing-confidence">{formatNumber(routing.confidence, 2)}</dd>
        </div>
        <div>
          <dt>{t('routing.popover.model')}</dt>
          <dd data-testid="routing-model">{routing.modelId ? modelName(models, routing.modelId) : t('routing.popover.noModel')}</dd>
        </div>
        <div>
          <dt>{t('routing.popover.tier')}</dt>
          <dd data-testid="routing-tier">{tierLabel(routing.tier)}</dd>
        </div>
        <div>
          <dt>{t('routing.popover.method')}</dt>
          <dd data-testid="routing-method">
            {methodLabel(routing.method)}
            {language && <span data-testid="routing-language"> · {language}</span>}
          </dd>
        </div>
      </dl>
      <h4>{t('routing.popover.scores')}</h4>
      <ScoreBars scores={routing.scores} profiles={profiles} chosen={routing.domain} />
      {routing.reasons.length > 0 && (
        <>
          <h4>{t('routing.popover.reasons')}</h4>
          <ul className="routing-reasons" data-testid="routing-reasons">
            {routing.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      )}
      {routing.systemPrompt && (
        <details className="routing-prompt">
          <summary>{t('routing.popover.systemPrompt')}</summary>
          <pre data-testid="routing-system-prompt">{routing.systemPrompt}</pre>
        </details>
      )}
      {canReroute && (
        <RerouteMenu
          current={routing.domain}
          note={later > 0 ? t('routing.popover.replaces', { count: later, n: formatNumber(later) }) : null}
          onPick={(domain) => void pick(domain)}
        />
      )}
    </div>,
    document.body,
  );
}
