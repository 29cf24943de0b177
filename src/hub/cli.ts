/**
 * `npm run hub -- [--data-dir DIR] [--port PORT] [--host ADDR] [--demo] [--admin-password PW]`
 * The product without Electron: the core + HTTP/SSE server + the React screens.
 */
import path from 'node:path';
import { EVENT_LOOP_STATS_ENV, watchEventLoop } from './loopStats';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { TEST_COST_ENV } from '../core/auth/password';
import { formatSetupCode, SETUP_CODE_FILE } from '../core/auth/setupCode';
import { LOGS_DIR_NAME } from '../core/log/logger';
import { demoDeviceLinks } from '../core/demo/seedDemo';
import { defaultDataDir } from '../core/paths';
import { installFatalHandlers } from './fatal';
import { parseAllowedHosts } from './hostCheck';
import { parsePublicUrl } from '../core/settings/publicAddress';
import { DEFAULT_HOST, DEFAULT_PORT, startHub, type Hub } from './startHub';

const USAGE = `Một Cửa Kiosk — hub
  npm run hub -- [options]

  --data-dir DIR         thư mục dữ liệu (mặc định: $MOTCUA_DATA_DIR hoặc ${defaultDataDir()})
  --port PORT            cổng HTTP (mặc định ${DEFAULT_PORT}, hoặc $MOTCUA_PORT)
  --host ADDR            địa chỉ lắng nghe (mặc định ${DEFAULT_HOST}; 0.0.0.0 để các máy trong mạng LAN kết nối)
  --demo                 tạo dữ liệu mẫu (đơn vị, 3 quầy, tài khoản admin/Admin@123, canbo1/Canbo@123)
  --admin-password PW    mật khẩu quản trị khi khởi động lần đầu (hoặc $MOTCUA_ADMIN_PASSWORD)
  --static-dir DIR       thư mục giao diện đã build (mặc định out/renderer)
  --upstream URL         máy chủ tỉnh nhận dữ liệu đồng bộ (ghi đè cài đặt; xem docs/sync.md)
  --allowed-hosts A,B    tên/địa chỉ khác mà trình duyệt dùng để mở máy chủ (ngoài localhost,
                         địa chỉ loopback, tên và địa chỉ của máy này); hoặc $MOTCUA_ALLOWED_HOSTS
  --public-url URL       địa chỉ công khai mà điện thoại của người dân mở (mã QR trên phiếu),
                         ví dụ http://192.168.1.10:8787; ghi đè cài đặt quản trị cho lần chạy
                         này; hoặc $MOTCUA_PUBLIC_URL
  -h, --help             hướng dẫn này
`;

/** The hub's command-line options (node:util parseArgs). */
export const HUB_OPTIONS = {
  'data-dir': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  demo: { type: 'boolean', default: false },
  'admin-password': { type: 'string' },
  'static-dir': { type: 'string' },
  upstream: { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'public-url': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function fail(message: string): never {
  console.error(`Lỗi: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`cổng không hợp lệ: ${value}`);
  return port;
}

function ask(question: string): Promise<string> {
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
  });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

/**
 * The one-time setup code goes to the terminal only, written straight to stdout — never
 * through a logger, so it never lands in the log files (docs/security.md).
 */
function printSetupCode(hub: Hub): void {
  const code = hub.core.auth.setupCode();
  if (!code) return;
  const file = path.join(hub.core.dataDir, SETUP_CODE_FILE);
  process.stdout.write(
    `Chưa có tài khoản quản trị: mở ${hub.url}/setup và nhập mã cài đặt ${formatSetupCode(code)}\n` +
      `(mã dùng một lần, cũng được lưu trong ${file}).\n`,
  );
}

async function firstStartAdmin(hub: Hub, given: string | undefined): Promise<void> {
  if (!hub.core.auth.needsAdmin()) return;
  let password = given;
  if (!password && process.stdin.isTTY) {
    console.log('Chưa có tài khoản quản trị. Hãy đặt mật khẩu cho tài khoản "admin".');
    for (;;) {
      password = await ask('Mật khẩu quản trị (ít nhất 8 ký tự, có chữ và số): ');
      const again = await ask('Nhập lại mật khẩu: ');
      if (password === again) break;
      console.log('Hai mật khẩu không khớp, vui lòng nhập lại.');
    }
  }
  if (!password) {
    printSetupCode(hub);
    return;
  }
  try {
    await hub.core.auth.createFirstAdmin({ fullName: 'Quản trị viên', password }, 'terminal');
    console.log('Đã tạo tài khoản quản trị "admin".');
  } catch (e) {
    console.error('Không tạo được tài khoản quản trị:', (e as Error).message);
    printSetupCode(hub);
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: HUB_OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const port = parsePort(values.port ?? process.env.MOTCUA_PORT ?? String(DEFAULT_PORT));
  const host = values.host ?? process.env.MOTCUA_HOST ?? DEFAULT_HOST;
  const staticDir = path.resolve(values['static-dir'] ?? path.join(__dirname, '../renderer'));

  if (values.upstream !== undefined && !/^https?:\/\/[^\s]+$/.test(values.upstream))
    fail(`địa chỉ máy chủ tỉnh không hợp lệ: ${values.upstream}`);
  const sync = { upstream: values.upstream ?? null } as const; // docs/sync.md
  let allowedHosts: string[] = [];
  try {
    allowedHosts = parseAllowedHosts(values['allowed-hosts'] ?? process.env.MOTCUA_ALLOWED_HOSTS);
  } catch (e) {
    fail((e as Error).message);
  }
  let publicUrl: string | null = null;
  const publicValue = values['public-url'] ?? process.env.MOTCUA_PUBLIC_URL;
  if (publicValue) {
    try {
      publicUrl = parsePublicUrl(publicValue);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  let hub: Hub;
  try {
    hub = await startHub({
      dataDir,
      port,
      host,
      staticDir,
      demo: values.demo,
      sync,
      allowedHosts,
      publicUrl,
    });
  } catch (e) {
    console.error(`Không khởi động được hub: ${(e as Error).message}`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    console.log(`\nNhận ${signal}: đang dừng hub, đóng cơ sở dữ liệu…`);
    hub.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  const loopStatsFile = process.env[EVENT_LOOP_STATS_ENV];
  if (loopStatsFile) watchEventLoop(loopStatsFile); // npm run bench only
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  console.log(`Dữ liệu: ${hub.core.dbFile}`);
  if (process.env[TEST_COST_ENV] === '1') {
    console.warn(
      `Cảnh báo: ${TEST_COST_ENV}=1 làm yếu mật khẩu mới — chỉ dùng khi chạy thử nghiệm.`,
    );
  }
  console.log(`Tệp nhật ký: ${path.join(hub.core.dataDir, LOGS_DIR_NAME)}`);
  await firstStartAdmin(hub, values['admin-password'] ?? process.env.MOTCUA_ADMIN_PASSWORD);
  console.log(`Một Cửa Kiosk hub đang chạy: ${hub.url}  (Ctrl+C để dừng)`);
  if (values.demo) for (const l of demoDeviceLinks(hub.url)) console.log(`  ${l.label}: ${l.url}`);
}

if (require.main === module) {
  installFatalHandlers(process);
  void main();
}
