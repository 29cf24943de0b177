import type { Session, WebContents } from 'electron';
import type { WindowKind } from './windowAccess';

/** The permission names Electron asks about (request and check handlers together). */
export type Permission =
  | Parameters<Parameters<Session['setPermissionRequestHandler']>[0] & object>[1]
  | Parameters<Parameters<Session['setPermissionCheckHandler']>[0] & object>[1];

/**
 * THE allow-list: the only browser permissions a window of the app ever gets; everything
 * else (camera, microphone, screen capture, notifications, geolocation, fullscreen API,
 * clipboard reading, MIDI, HID/USB/serial, pointer and keyboard lock, opening external
 * programs…) is denied (docs/security.md, "The desktop app").
 *
 * - desk: writing to the clipboard — "Sao chép" of the site id and the sync secret
 *   (src/renderer/desk/sync/copyText.ts); the camera ('media', video only — never the
 *   microphone) for the document camera of the capture dialog (docs/digitisation.md).
 * - kiosk, display: nothing. Their fullscreen is the window's (BrowserWindow options), not the
 *   page's Fullscreen API; the board's voice calls and chime play without a permission
 *   (Electron's default autoplay policy needs no user gesture).
 */
export const PERMISSION_ALLOW_LIST: Readonly<Record<WindowKind, readonly Permission[]>> = {
  desk: ['clipboard-sanitized-write', 'media'],
  kiosk: [],
  display: [],
};

export interface PermissionPolicy {
  /** The window a webContents belongs to (WindowRegistry.kindOf). */
  windowKindOf(contents: { id: number } | null | undefined): WindowKind | undefined;
  /** Whether a URL is our own page (isOwnUrl in window.ts). */
  isOwnUrl(url: string): boolean;
}

/** Decide one permission: only our own windows, only from our own page, only the allow-list. */
export function permissionAllowed(
  policy: PermissionPolicy,
  contents: { id: number } | null | undefined,
  permission: string,
  requestingUrl: string,
): boolean {
  const kind = policy.windowKindOf(contents);
  if (!kind || !policy.isOwnUrl(requestingUrl)) return false;
  return (PERMISSION_ALLOW_LIST[kind] as readonly string[]).includes(permission);
}

/** 'media' is the camera only: a request or check that names the microphone is refused. */
export function videoOnly(permission: string, mediaTypes: readonly string[] | undefined): boolean {
  return permission !== 'media' || (mediaTypes ?? []).every((t) => t === 'video');
}

type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/**
 * Install the handlers on the session all windows share (session.defaultSession). Without
 * them Electron grants every permission request (Electron security checklist, item 5).
 */
export function installPermissionHandlers(
  session: PermissionSession,
  policy: PermissionPolicy,
): void {
  session.setPermissionRequestHandler((contents: WebContents, permission, callback, details) => {
    const types = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      videoOnly(permission, types) &&
        permissionAllowed(policy, contents, permission, details.requestingUrl),
    );
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    const url = details.requestingUrl ?? requestingOrigin;
    const types = details.mediaType ? [details.mediaType] : undefined;
    return videoOnly(permission, types) && permissionAllowed(policy, contents, permission, url);
  });
  // WebHID, WebUSB, Web Serial: no window uses a device from the page (the printers are
  // driven by the main process).
  session.setDevicePermissionHandler(() => false);
}
