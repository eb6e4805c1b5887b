export interface CspOptions {
  /** Extra connect-src sources, e.g. the browser-mode WebSocket `ws://127.0.0.1:PORT`. */
  connectSrc?: readonly string[];
  /**
   * Vite's dev server only: its React preamble is an inline script and its HMR
   * socket another origin. Never set for a built app.
   */
  devServerOrigin?: string | null;
}

/**
 * The one Content-Security-Policy for the renderer, in both shells: scripts
 * only from the app itself, no eval, no plugins, no <base> tricks, no framing,
 * no form posts. Inline styles stay allowed because React's style props and the
 * virtualised list set them; that is not a script-execution path.
 */
export function contentSecurityPolicy({ connectSrc = [], devServerOrigin = null }: CspOptions = {}): string {
  const dev = devServerOrigin ? [devServerOrigin, devServerOrigin.replace(/^http/, 'ws')] : [];
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', devServerOrigin ? ["'self'", "'unsafe-inline'", devServerOrigin] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'", ...(devServerOrigin ? [devServerOrigin] : [])]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", ...connectSrc, ...dev]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
