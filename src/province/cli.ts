/**
 * `npm run province -- [options]` and `npm run province -- import FILE` (docs/province.md).
 * Run with tsx: a plain Node service with no Electron, no native module of its own and no
 * browser bundle to build, so it starts from the source like the benchmark scripts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ReceiveError } from './receiveError';
import { installFatalHandlers } from '../hub/fatal';
import { parseAllowedHosts } from '../hub/hostCheck';
import { PROVINCE_DEFAULT_PORT } from '../shared/contract/province';
import { openProvinceDb } from './db';
import { importFile } from './ingest';
import { migrateProvince } from './migrations';
import { DEFAULT_PROVINCE_HOST, startProvince } from './service';
import { acquireDataDirLock } from '../core/dataDirLock';

const DEFAULT_DATA_DIR = 'province-data';

const USAGE = `Một Cửa Kiosk — máy chủ tỉnh (province service)
  npm run province -- [options]
  npm run province -- [--data-dir DIR | --database-url URL] import FILE

  --data-dir DIR         thư mục dữ liệu: PostgreSQL nhúng (PGlite) khi không có --database-url
                         (mặc định: $MOTCUA_PROVINCE_DATA_DIR hoặc ./${DEFAULT_DATA_DIR})
  --database-url URL     máy chủ PostgreSQL postgres://… (hoặc $MOTCUA_PROVINCE_DATABASE_URL)
  --port PORT            cổng HTTP (mặc định ${PROVINCE_DEFAULT_PORT})
  --host ADDR            địa chỉ lắng nghe (mặc định ${DEFAULT_PROVINCE_HOST}; 0.0.0.0 cho mạng LAN)
  --demo                 tài khoản admin/Admin@123, viewer/Viewer@123 và 3 xã với một tháng dữ liệu
  --allowed-hosts A,B    tên máy mà các xã dùng để gọi máy chủ (hoặc $MOTCUA_ALLOWED_HOSTS)
  --static-dir DIR       giao diện đã build (mặc định out/province, build khi chưa có)
  -h, --help             hướng dẫn này
`;

function fail(message: string): never {
  console.error(`Lỗi: ${message}\n\n${USAGE}`);
  process.exit(2);
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        demo: { type: 'boolean', default: false },
        'allowed-hosts': { type: 'string' },
        'static-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dataDir = path.resolve(
    values['data-dir'] ?? process.env.MOTCUA_PROVINCE_DATA_DIR ?? DEFAULT_DATA_DIR,
  );
  const databaseUrl = values['database-url'] ?? process.env.MOTCUA_PROVINCE_DATABASE_URL ?? null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    fail('--database-url phải có dạng postgres://người-dùng@máy:cổng/cơ-sở-dữ-liệu');
  }

  if (positionals[0] === 'import') {
    const file = positionals[1];
    if (!file || positionals.length > 2) fail('cách dùng: import FILE');
    await runImport(dataDir, databaseUrl, file);
    return;
  }
  if (positionals.length > 0) fail(`lệnh không rõ: ${positionals.join(' ')}`);

  const port = Number(values.port ?? PROVINCE_DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`cổng không hợp lệ: ${values.port}`);
  let allowedHosts: string[];
  try {
    allowedHosts = parseAllowedHosts(values['allowed-hosts'] ?? process.env.MOTCUA_ALLOWED_HOSTS);
  } catch (e) {
    fail((e as Error).message);
  }
  const province = await startProvince({
    dataDir,
    databaseUrl,
    port,
    host: values.host ?? DEFAULT_PROVINCE_HOST,
    demo: values.demo,
    allowedHosts,
    staticDir: ensureScreen(values['static-dir']),
    onError: (e) => console.error('request failed', e),
  });
  console.log(
    `Máy chủ tỉnh đang chạy (${province.db.kind}): ${province.url}/province\n` +
      `Province service listening: ${province.url}`,
  );
  const stop = () => {
    province.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  installFatalHandlers(process);
}

/**
 * The provincial screen's folder: `--static-dir`, else out/province, built with vite on first
 * use (like `npm run hub` builds the hub when out/ is missing). Rebuild: `npm run build`.
 */
function ensureScreen(given: string | undefined): string {
  if (given) return path.resolve(given);
  const root = path.resolve(__dirname, '../..');
  const dir = path.join(root, 'out/province');
  if (fs.existsSync(path.join(dir, 'province.html'))) return dir;
  console.log('Chưa có giao diện tỉnh: đang build (vài giây)…');
  const r = spawnSync(
    path.join(root, 'node_modules/.bin/vite'),
    ['build', '-c', 'vite.province.config.ts', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' },
  );
  if (r.status !== 0) fail('build giao diện tỉnh thất bại (npm run build)');
  return dir;
}

async function runImport(dataDir: string, databaseUrl: string | null, file: string) {
  // The embedded database has one writer: the service must be stopped (the lock says so).
  const lock = databaseUrl ? null : acquireDataDirLock(dataDir);
  const db = await openProvinceDb({ databaseUrl, dataDir });
  try {
    await migrateProvince(db);
    const text = fs.readFileSync(file, 'utf8');
    const r = await importFile(db, text, new Date());
    console.log(
      `Đã nhập tệp ${r.fileId} của đơn vị ${r.siteId}: ${r.accepted} sự kiện mới, ` +
        `${r.duplicates} đã có (${r.events} trong tệp).`,
    );
  } catch (e) {
    if (e instanceof ReceiveError) {
      console.error(`Lỗi: ${e.text('vi')}\nError: ${e.text('en')}`);
      process.exitCode = e.reason === 'FILE_ALREADY_IMPORTED' ? 3 : 1;
      return;
    }
    throw e;
  } finally {
    await db.close();
    lock?.release();
  }
}

if (process.argv[1] && /province[\\/]cli\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
