import { useLayoutEffect, useState, type RefObject } from 'react';

const GAP = 6;
const MARGIN = 8;

export interface AnchoredPosition {
  top: number;
  left: number;
}

/**
 * Where a fixed-position popover goes: under its anchor, or above it when
 * there is no room below, kept inside the window; follows scrolling and
 * resizing. (Rows of the message list contain their paint, so a popover
 * inside one would be clipped: it is portalled to the body and placed here.)
 */
export function useAnchoredPosition(anchor: RefObject<HTMLElement | null>, popover: RefObject<HTMLElement | null>): AnchoredPosition {
  const [position, setPosition] = useState<AnchoredPosition>({ top: 0, left: 0 });
  useLayoutEffect(() => {
    let frame = 0;
    const place = () => {
      const a = anchor.current?.getBoundingClientRect();
      const p = popover.current?.getBoundingClientRect();
      if (!a) return;
      const width = p?.width ?? 0;
      const height = p?.height ?? 0;
      const below = a.bottom + GAP;
      const top = below + height > window.innerHeight - MARGIN && a.top - GAP - height >= MARGIN ? a.top - GAP - height : below;
      const left = Math.max(MARGIN, Math.min(a.left, window.innerWidth - width - MARGIN));
      setPosition((old) => (old.top === top && old.left === left ? old : { top, left }));
    };
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    };
    place();
    window.addEventListener('scroll', schedule, true);
    window.addEventListener('resize', schedule);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule, true);
      window.removeEventListener('resize', schedule);
    };
  }, [anchor, popover]);
  return position;
}
