import { externalLink, isAppUrl, type AppLocation } from './appUrl.js';

/**
 * The decisions behind Electron's security checklist, as plain functions so
 * they are tested in Node (Electron's binary is absent in CI and here);
 * hardenSession and hardenWebContents wire them to Electron's hooks.
 */

/**
 * Permissions the renderer may use. Everything else (camera, microphone,
 * geolocation, notifications, HID, serial, clipboard *read*...) is denied.
 * Writing to the clipboard stays allowed for our own page: the "copy" buttons
 * on replies and code blocks use navigator.clipboard.writeText.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** A permission prompt (session.setPermissionRequestHandler): only an allowed permission, only for our page. */
export function mayRequestPermission(permission: string, requestingUrl: string | undefined, location: AppLocation): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl, location);
}

/** A silent permission check (session.setPermissionCheckHandler): the same rule; the dev server is matched by origin. */
export function mayUsePermission(permission: string, requestingOrigin: string, requestingUrl: string | undefined, location: AppLocation): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission)) return false;
  if (requestingUrl !== undefined && isAppUrl(requestingUrl, location)) return true;
  return location.devOrigin !== null && requestingOrigin === location.devOrigin;
}

export type NavigationDecision =
  /** Our own page (a reload, a hash change): let it happen. */
  | { action: 'allow' }
  /** Anything else is stopped; an http(s) link is offered to the OS browser after a confirmation. */
  | { action: 'deny'; external: string | null };

/** will-navigate / will-redirect: a link clicked in a reply must never replace the app in its own window. */
export function navigationDecision(url: string, location: AppLocation): NavigationDecision {
  if (isAppUrl(url, location)) return { action: 'allow' };
  return { action: 'deny', external: externalLink(url) };
}

/** window.open and target=_blank: never a new Electron window; http(s) goes to the OS browser after a confirmation. */
export function windowOpenDecision(url: string): { action: 'deny'; external: string | null } {
  return { action: 'deny', external: externalLink(url) };
}

/**
 * Response headers with our CSP and no other: a policy sent by whatever
 * served the page (any spelling of the header, report-only included) is
 * replaced, never merged, so nothing can loosen it.
 */
export function withContentSecurityPolicy(headers: Record<string, string | string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** Who sent an IPC invoke, as Electron describes it. */
export interface IpcSender {
  /** event.sender.id */
  webContentsId: number;
  /** event.senderFrame: null once the frame is gone. */
  frame: { url: string; isMainFrame: boolean } | null;
}

/**
 * Only our window's main frame, showing our page: not another window, not an
 * iframe, not a page navigated elsewhere, not a frame that is already gone.
 */
export function isTrustedIpcSender(sender: IpcSender, windowContentsId: number | null, location: AppLocation): boolean {
  if (windowContentsId === null || sender.webContentsId !== windowContentsId) return false;
  const frame = sender.frame;
  return frame !== null && frame.isMainFrame && isAppUrl(frame.url, location);
}
