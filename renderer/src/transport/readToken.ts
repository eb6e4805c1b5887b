export const TOKEN_STORAGE_KEY = 'hearth.token';

type TokenWindow = Pick<Window, 'location' | 'history' | 'sessionStorage'>;

/**
 * Browser mode is opened as `http://127.0.0.1:PORT/#token=XYZ`. The token is
 * taken from the hash, kept in sessionStorage (so a reload still works, and it
 * dies with the tab), and removed from the address bar so it is not bookmarked
 * or shared by accident.
 */
export function readToken(win: TokenWindow = window): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(win.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    } catch {
      // Storage can be disabled; the token still works for this page's life.
    }
    const rest = win.location.hash.replace(/(?:^#|&)token=[^&]+/, '').replace(/^&/, '');
    const clean = win.location.pathname + win.location.search + (rest ? `#${rest}` : '');
    win.history.replaceState(win.history.state, '', clean);
    return token;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
