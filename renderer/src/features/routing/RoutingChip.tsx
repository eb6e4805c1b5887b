import { useId, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message, RoutingDecision } from '../../../../main/contract/index.js';
import { useHearth } from '../../store/StoreContext.js';
import { chipDetail, profileLook } from './profileLook.js';
import { RoutingPopover } from './RoutingPopover.js';

interface RoutingChipProps {
  message: Message & { routing: RoutingDecision };
  /** The reply can be re-routed now (nothing in its chat is streaming). */
  canReroute: boolean;
}

/** "Healthcare · 0.86" on a routed reply, in its profile's colour; opens the why (scores, reasons, model). */
export function RoutingChip({ message, canReroute }: RoutingChipProps) {
  const { t } = useTranslation();
  const { routing } = message;
  const profiles = useHearth((s) => s.profiles);
  const look = profileLook(profiles, routing.domain);
  const [open, setOpen] = useState(false);
  const chipRef = useRef<HTMLButtonElement>(null);
  const popoverId = useId();
  const detail = chipDetail(routing);
  return (
    <>
      <button
        ref={chipRef}
        type="button"
        className={`routing-chip ${routing.fallback ? 'routing-chip-fallback' : ''}`}
        style={{ '--profile-color': look.color } as CSSProperties}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        title={routing.fallback ?? t('routing.chip.why')}
        onClick={() => setOpen((o) => !o)}
        data-testid="routing-chip"
        data-domain={routing.domain}
        data-mode={routing.mode}
      >
        <span className="routing-chip-icon" aria-hidden="true">
          {look.icon}
        </span>
        <span>
          {look.name} · {detail}
        </span>
        {routing.fallback && (
          <span className="routing-chip-warn" aria-label={t('routing.chip.fallback')}>
            !
          </span>
        )}
      </button>
      {open && (
        <RoutingPopover
          id={popoverId}
          anchor={chipRef}
          message={message}
          canReroute={canReroute}
          onClose={(refocus) => {
            setOpen(false);
            if (refocus) chipRef.current?.focus();
          }}
        />
      )}
    </>
  );
}
