/**
 * A keep-alive HTTP client bound to one loopback source address. The hub rate-limits public
 * operations per client address, so each simulated kiosk gets its own 127.x.y.z — exactly
 * like separate machines on the office LAN. Used by scripts/bench-queue.ts too.
 */
import http from 'node:http';

export interface HttpResult {
  status: number;
  ms: number;
  body: string;
}

export interface Client {
  readonly address: string;
  request(
    method: string,
    urlPath: string,
    options?: { body?: unknown; token?: string | null; device?: string },
  ): Promise<HttpResult>;
  close(): void;
}

/** `address` must be in 127.0.0.0/8 (Linux answers every one of them on loopback). */
export function createClient(port: number, address: string, timeoutMs = 30_000): Client {
  if (!address.startsWith('127.')) throw new Error(`benchmarks stay on loopback: ${address}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    address,
    request(method, urlPath, options = {}) {
      const payload = options.body === undefined ? null : JSON.stringify(options.body);
      const headers: Record<string, string | number> = { 'Accept-Language': 'vi' };
      // The hub wants every write declared as JSON, even without a body.
      if (payload !== null || ['POST', 'PUT', 'PATCH'].includes(method)) {
        headers['Content-Type'] = 'application/json';
      }
      if (payload !== null) headers['Content-Length'] = Buffer.byteLength(payload);
      if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
      if (options.device) headers['X-Motcua-Device'] = options.device; // a paired kiosk
      return new Promise((resolve, reject) => {
        const t0 = process.hrtime.bigint();
        const req = http.request(
          { host: '127.0.0.1', port, path: urlPath, method, agent, localAddress: address, headers },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                ms: Number(process.hrtime.bigint() - t0) / 1e6,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            res.on('error', reject);
          },
        );
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${urlPath}: timeout`)));
        req.on('error', reject);
        req.end(payload ?? undefined);
      });
    },
    close: () => agent.destroy(),
  };
}
