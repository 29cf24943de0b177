/**
 * Exact bytes over a plain TCP socket, for requests that `fetch` and `http.request` refuse or
 * tidy up (`GET //[x`, a NUL in the path, broken headers, a wrong `Host`). By default the
 * socket is half-closed after the request, so even a truncated request ends (the hub answers
 * and closes); `keepOpen` leaves it open (the request must then end the exchange itself, e.g.
 * with `Connection: close`). An event stream (which never ends) is cut once its head arrived.
 */
import net from 'node:net';

export interface RawAnswer {
  /** Status of every answer on the connection, in order; [0] when none came (dropped). */
  statuses: number[];
  /** The first answer's status (0 = dropped). */
  status: number;
  /** The first answer's headers, names in lower case. */
  headers: Record<string, string>;
  /** Everything after the first head (undecoded: the answers here are small and unchunked). */
  body: string;
  timedOut: boolean;
}

export function rawExchange(
  port: number,
  request: string | Buffer,
  options: { source?: string; timeoutMs?: number; keepOpen?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({
      host: '127.0.0.1',
      port,
      ...(options.source ? { localAddress: options.source } : {}),
    });
    const parts: Buffer[] = [];
    let settled = false;
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(parts).toString('utf8');
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((m) =>
        Number(m[1]),
      );
      const headEnd = text.indexOf('\r\n\r\n');
      const headers: Record<string, string> = {};
      for (const line of text
        .slice(0, headEnd < 0 ? text.length : headEnd)
        .split('\r\n')
        .slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const found = timedOut ? [] : statuses.length ? statuses : [0];
      resolve({
        statuses: found,
        status: found[0] ?? 0,
        headers,
        body: headEnd < 0 ? '' : text.slice(headEnd + 4),
        timedOut,
      });
    };
    const timer = setTimeout(() => finish(true), options.timeoutMs ?? 30_000);
    socket.on('connect', () => {
      if (options.keepOpen) socket.write(request);
      else socket.end(request);
    });
    socket.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      if (/\r\ncontent-type: text\/event-stream/i.test(Buffer.concat(parts).toString('latin1')))
        finish(false);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}

/**
 * `<method> <target>` with a Host header (default the hub's loopback address) and
 * `Connection: close`; the socket stays open for writing, so an answer that streams a file
 * arrives whole (a half-closed socket makes Node abandon a request still in progress).
 */
export function rawRequest(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const all = { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers };
  const head = Object.entries(all)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return rawExchange(port, `${method} ${target} HTTP/1.1\r\n${head}\r\n`, { keepOpen: true });
}

/** `GET <target>`, as rawRequest. */
export function rawGet(
  port: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return rawRequest(port, 'GET', target, headers);
}

/** The `error.code` of a JSON error body, or null. */
export function errorCodeOf(answer: { body: string }): string | null {
  try {
    const code = (JSON.parse(answer.body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : null;
  } catch {
    return null;
  }
}
