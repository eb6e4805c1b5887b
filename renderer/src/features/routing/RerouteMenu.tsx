import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHearth } from '../../store/StoreContext.js';

interface RerouteMenuProps {
  /** The reply's profile: not offered again. */
  current: string;
  /** What re-routing costs, said before the user picks (an earlier reply drops what followed it). */
  note: string | null;
  onPick(domain: string): void;
}

/**
 * "Re-route to…": a menu button listing the other enabled profiles. Arrow
 * keys, Home and End move between them, Enter picks, Escape closes the menu
 * (and only the menu).
 */
export function RerouteMenu({ current, note, onPick }: RerouteMenuProps) {
  const { t } = useTranslation();
  const profiles = useHearth((s) => s.profiles);
  const choices = profiles.filter((p) => p.enabled && p.id !== current);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [open]);

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }

  function onMenuKey(e: React.KeyboardEvent) {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape') {
      e.stopPropagation(); // the popover around the menu stays open
      close(true);
    } else if (e.key === 'Tab') close(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  }

  if (choices.length === 0) return null;
  return (
    <div className="reroute">
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-describedby={note ? `${menuId}-note` : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        data-testid="reroute-button"
      >
        {t('routing.reroute.button')}
      </button>
      {note && (
        <small id={`${menuId}-note`} className="reroute-note" data-testid="reroute-note">
          {note}
        </small>
      )}
      {open && (
        <ul ref={menuRef} id={menuId} className="reroute-menu" role="menu" aria-label={t('routing.reroute.menu')} onKeyDown={onMenuKey} data-testid="reroute-menu">
          {choices.map((p) => (
            <li key={p.id} role="none">
              <button type="button" role="menuitem" tabIndex={-1} className="reroute-item" onClick={() => onPick(p.id)} data-testid="reroute-option" data-domain={p.id}>
                <span aria-hidden="true" style={{ color: p.color }}>
                  {p.icon}
                </span>{' '}
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
