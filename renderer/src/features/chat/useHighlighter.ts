import { useEffect, useState } from 'react';
import type { Options } from 'react-markdown';

type Plugins = NonNullable<Options['rehypePlugins']>;

let loaded: Plugins | null = null;
let loading: Promise<Plugins> | null = null;

/**
 * highlight.js and its grammars were 167 kB of the renderer's 802 kB bundle,
 * all parsed before the first paint. They now load, as their own chunk, on
 * the first settled reply that has a fenced code block; until then (a few ms, once) the code shows
 * unhighlighted, which is what a streaming reply shows anyway.
 */
export function loadHighlighter(): Promise<Plugins> {
  loading ??= import('rehype-highlight').then(
    (m) => (loaded = [m.default]),
    (error: unknown) => {
      // Highlighting is cosmetic: a chunk that failed to load leaves plain code, and the next code block tries again.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** A fenced code block (``` or ~~~, up to three spaces in): the only thing highlighting changes. */
export function hasFencedCode(text: string): boolean {
  return /(^|\n) {0,3}(```|~~~)/.test(text);
}

/** The rehype plugins for highlighting once loaded, or null: asks for them only when `wanted`. */
export function useHighlighter(wanted: boolean): Plugins | null {
  const [plugins, setPlugins] = useState<Plugins | null>(loaded);
  useEffect(() => {
    if (!wanted || plugins) return;
    let live = true;
    loadHighlighter().then(
      (p) => live && setPlugins(p),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [wanted, plugins]);
  return wanted ? plugins : null;
}
