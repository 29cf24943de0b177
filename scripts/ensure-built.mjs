// Shared by `npm run hub` and `npm run motcua`: build the app on first use (when a file of
// out/ is missing), then run a built entry's `main(argv)` in this process. After changing
// the source, rebuild with `npm run build`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Build with electron-vite when any of `files` (relative to the repo root) is missing. */
export function ensureBuilt(files) {
  if (files.every((f) => fs.existsSync(path.join(root, f)))) return;
  console.log('Chưa có bản build: đang build ứng dụng (khoảng 10–30 giây)…');
  const bin = path.join(root, 'node_modules/.bin/electron-vite');
  const result = spawnSync(bin, ['build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error('Build thất bại. Hãy chạy "npm ci" rồi thử lại.');
    process.exit(result.status ?? 1);
  }
}

/** Ensure `entry` and `alsoNeeded` are built, then run `main(process.argv.slice(2))` of `entry`. */
export async function runBuilt(entry, alsoNeeded = []) {
  ensureBuilt([entry, ...alsoNeeded]);
  const require = createRequire(import.meta.url);
  const { main } = require(path.join(root, entry));
  await main(process.argv.slice(2));
}
