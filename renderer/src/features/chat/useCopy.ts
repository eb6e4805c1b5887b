import { useEffect, useRef, useState } from 'react';

/** Copies text to the clipboard and reports "copied" for a moment. */
export function useCopy(): { copied: boolean; copy: (text: string) => void } {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return {
    copied,
    copy(text) {
      void navigator.clipboard?.writeText(text).then(
        () => {
          setCopied(true);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => setCopied(false), 1500);
        },
        () => setCopied(false),
      );
    },
  };
}
