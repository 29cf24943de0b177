/**
 * A throw-away PostgreSQL cluster for the province tests (docs/province.md, "Tests"): initdb +
 * pg_ctl of Debian's `postgresql` package, in a temp folder, on a free port, listening on
 * 127.0.0.1 only, owned by an unprivileged user when the tests run as root (PostgreSQL
 * refuses to run as root), stopped and removed by `stop()`. `MOTCUA_TEST_DATABASE_URL`
 * (a superuser URL) uses an existing server instead. Each test takes a fresh database.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './hubCli';

export interface TestPostgres {
  /** Superuser URL of the `postgres` database. */
  url: string;
  /** A new empty database; its URL. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function pgBinDir(): string {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  const candidates = fs.existsSync('/usr/lib/postgresql')
    ? fs
        .readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  if (onPath.status === 0 && onPath.stdout.trim()) {
    const real = fs.realpathSync(onPath.stdout.trim());
    // Debian's /usr/bin/pg_ctl is a wrapper: prefer the versioned binaries beside initdb.
    if (fs.existsSync(path.join(path.dirname(real), 'initdb'))) candidates.push(path.dirname(real));
  }
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'initdb')));
  if (!dir) {
    throw new Error(
      'PostgreSQL is not installed (initdb not found): apt-get install postgresql (.ci/run does)',
    );
  }
  return dir;
}

/** Run a PostgreSQL program as the cluster's owner (`nobody` when we are root). */
function runAs(user: string | null, bin: string, args: string[]) {
  const [cmd, argv] = user ? ['runuser', ['-u', user, '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: 'pipe', timeout: 120_000 });
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function wrap(url: string, stop: () => Promise<void>): TestPostgres {
  return {
    url,
    async freshDatabase() {
      const name = `t_${crypto.randomBytes(6).toString('hex')}`;
      await withClient(url, (c) => c.query(`CREATE DATABASE ${name}`));
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop,
  };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.MOTCUA_TEST_DATABASE_URL;
  if (given) return wrap(given, async () => undefined);
  const bin = pgBinDir();
  const user = process.getuid?.() === 0 ? 'nobody' : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pg-'));
  if (user) execFileSync('chown', [user, dir]);
  const data = path.join(dir, 'data');
  runAs(user, path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  runAs(user, path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    options,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-t',
    '120',
    'start',
  ]);
  let stopped = false;
  return wrap(`postgres://postgres@127.0.0.1:${port}/postgres`, async () => {
    if (stopped) return;
    stopped = true;
    try {
      runAs(user, path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
