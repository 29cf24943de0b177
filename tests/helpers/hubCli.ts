/**
 * What the crash tests and the benchmarks both need to run the built hub (`out/main/hub.js`)
 * as a child process: a free port and the command line that puts the hub on it. No test
 * framework here: the benchmark scripts import it too (tsconfig.node.json).
 */
import net from 'node:net';

/** A TCP port free on 127.0.0.1 at the time of asking (the OS picks it, then it is released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The command line of `hub.js` for a data folder and a port on 127.0.0.1. */
export function hubCliArgs(hubJs: string, dataDir: string, port: number): string[] {
  return [hubJs, '--data-dir', dataDir, '--port', String(port), '--host', '127.0.0.1'];
}
