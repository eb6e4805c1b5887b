// Type-only: the wiring stays free of a runtime 'electron' import, so tests drive it with fakes in plain Node.
import type { Session } from 'electron';
import type { NetworkPolicyService } from '../services/network/createNetworkPolicy.js';
import type { AppLocation } from './appUrl.js';
import { isAllowedRequest } from './requestFilter.js';
import { mayRequestPermission, mayUsePermission, withContentSecurityPolicy } from './securityPolicy.js';

export type SessionHooks = Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setSpellCheckerEnabled'>;

export interface HardenSessionOptions {
  location: AppLocation;
  csp: string;
  /** Where refused window requests are logged (the network log). */
  network?: Pick<NetworkPolicyService, 'recordRefused'>;
}

/**
 * The session's half of the checklist: no request to anything but the app's
 * own files (requestFilter.ts; Chromium's network stack is not Node's, so the
 * socket guard cannot see it), our CSP on every response (replacing any
 * other), permission prompts and checks decided by securityPolicy, no
 * device (HID, serial, USB) access at all, and no spellchecker downloads.
 */
export function hardenSession(session: SessionHooks, { location, csp, network }: HardenSessionOptions): void {
  // No URL filter: a filter would let every request it does not match pass unseen.
  session.webRequest.onBeforeRequest((details, callback) => {
    if (isAllowedRequest(details.url, location)) return callback({});
    network?.recordRefused({ url: details.url, purpose: 'renderer' }, 'the app window never loads anything from the network');
    callback({ cancel: true });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(mayRequestPermission(permission, details.requestingUrl ?? contents?.getURL(), location));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => mayUsePermission(permission, requestingOrigin, details.requestingUrl, location));
  session.setDevicePermissionHandler(() => false);
  // The spellchecker fetches Hunspell dictionaries from Google from the browser process; windowOptions turns
  // it off per window, this for the whole session (a window opened with other options included).
  session.setSpellCheckerEnabled(false);
}
