import { deviceTokenSchema } from '../../shared/contract/devices';

/**
 * A paired device's token (docs/security.md, "Devices") lives in the device's local storage;
 * the API client sends it as `X-Motcua-Device` on every call.
 */
const DEVICE_KEY = 'motcua.device';

export function loadDeviceToken(): string | null {
  try {
    const token = localStorage.getItem(DEVICE_KEY);
    return token && deviceTokenSchema.safeParse(token).success ? token : null;
  } catch {
    return null;
  }
}

export function storeDeviceToken(token: string): void {
  localStorage.setItem(DEVICE_KEY, token);
}

/**
 * Opening a screen once as `/kiosk?device=<token>` (or `/rate?counter=1&device=…`,
 * `/display?device=…`) pairs it: the token is stored, then removed from the address bar
 * (history.replaceState) so that it does not stay on screen or in the history.
 */
export function adoptDeviceTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('device');
  if (token === null) return;
  if (deviceTokenSchema.safeParse(token).success) storeDeviceToken(token);
  url.searchParams.delete('device');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/** Fired when the hub answers DEVICE_REQUIRED (e.g. the device was revoked): screens re-check. */
export const DEVICE_REQUIRED_EVENT = 'motcua:device-required';
