#!/usr/bin/env node
// `npm run motcua -- <command>` (backup, restore, sync export/import): builds the app on first
// use (when out/ is missing), then runs the maintenance CLI in this process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'out/main/motcua.js');

if (!fs.existsSync(entry)) {
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

const require = createRequire(import.meta.url);
const { main } = require(entry);
await main(process.argv.slice(2));
