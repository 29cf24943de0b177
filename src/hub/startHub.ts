import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCore, type Core, type CoreOptions } from '../core/app';
import { acquireDataDirLock } from '../core/dataDirLock';
import { createHttpServer } from './httpServer';
import { voiceDirs } from './voice';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export interface HubOptions extends CoreOptions {
  port?: number;
  host?: string;
  staticDir?: string | null;
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
  const server = createHttpServer(core, { staticDir: options.staticDir ?? null });
  const host = options.host ?? DEFAULT_HOST;
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
