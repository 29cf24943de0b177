import type { PublicUser } from '../shared/contract';
import type { Lang } from '../shared/i18n';
import type { DeviceIdentity } from './devices/deviceService';

/** Who is calling an operation, derived by the edge (HTTP or IPC) before the handler runs. */
export interface CallContext {
  user: PublicUser | null;
  /** sha256 of the bearer token of this call, if any (to end exactly this session). */
  tokenHash: string | null;
  /** Rate-limit key: the client IP over HTTP, 'ipc' in Electron. */
  clientKey: string;
  /** The edge the call came through: 'ipc' only for the desktop app's own windows. */
  via: 'ipc' | 'http';
  lang: Lang;
  /** The paired device making the call (header X-Motcua-Device, or the Electron kiosk window). */
  device: DeviceIdentity | null;
  /**
   * The origin of the page that made the call, when it is not a loopback address (the
   * edge reads it from the checked Host header): printed QRs fall back to it.
   */
  origin: string | null;
}
