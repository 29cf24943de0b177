#!/usr/bin/env node
// `npm run hub -- [options]`: builds the app on first use (when out/ is missing), then runs
// the hub in this process. After changing the source, rebuild with `npm run build`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hubEntry = path.join(root, 'out/main/hub.js');
const rendererIndex = path.join(root, 'out/renderer/index.html');

if (!fs.existsSync(hubEntry) || !fs.existsSync(rendererIndex)) {
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
const { main } = require(hubEntry);
await main(process.argv.slice(2));
