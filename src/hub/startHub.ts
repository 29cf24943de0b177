import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCore, type Core, type CoreOptions } from '../core/app';
import { acquireDataDirLock } from '../core/dataDirLock';
import { parseAllowedHosts } from './hostCheck';
import { createHttpServer, type ServerLimits } from './httpServer';
import type { StreamLimits } from './sse';
import { voiceDirs } from './voice';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export interface HubOptions extends CoreOptions {
  port?: number;
  host?: string;
  staticDir?: string | null;
  /**
   * Names besides the hub's own that a request's `Host` may carry (`--allowed-hosts`);
   * default: `MOTCUA_ALLOWED_HOSTS` (so the desktop app honours it too).
   */
  allowedHosts?: readonly string[];
  /** Event stream caps (default 20 per client address, 500 in all). */
  streamLimits?: StreamLimits;
  /** Node's timeouts and header count (docs/security.md). */
  serverLimits?: Partial<ServerLimits>;
}

export interface Hub {
  core: Core;
  server: http.Server;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Start the core and its HTTP server; `stop()` closes connections, then the database. */
export async function startHub(options: HubOptions): Promise<Hub> {
  // Checked first: a wrong name in MOTCUA_ALLOWED_HOSTS stops the start before anything opens.
  const allowedHosts = options.allowedHosts ?? parseAllowedHosts(process.env.MOTCUA_ALLOWED_HOSTS);
  const lock = acquireDataDirLock(options.dataDir);
  let core: Core;
  try {
    // What the server below serves: the core refuses a backup folder inside any of it.
    const servedDirs = [
      ...(options.staticDir ? [options.staticDir] : []),
      ...voiceDirs(options.dataDir),
    ];
    core = await createCore({ ...options, servedDirs });
  } catch (e) {
    lock.release();
    throw e;
  }
  const host = options.host ?? DEFAULT_HOST;
  const server = createHttpServer(core, {
    staticDir: options.staticDir ?? null,
    allowedHosts,
    listenHost: host,
    ...(options.streamLimits ? { streamLimits: options.streamLimits } : {}),
    ...(options.serverLimits ? { limits: options.serverLimits } : {}),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await core.close();
    lock.release();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let stopping: Promise<void> | null = null;
  return {
    core,
    server,
    port,
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // event streams never end by themselves
      })
        .then(() => core.close())
        .finally(() => lock.release())),
  };
}
