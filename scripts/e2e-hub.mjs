#!/usr/bin/env node
// The hub the end-to-end tests drive: the built app, demo data, a fresh data folder per run.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const port = process.env.E2E_PORT ?? '8790';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
const require = createRequire(import.meta.url);
const { main } = require('../out/main/hub.js');
process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
await main(['--data-dir', dataDir, '--port', port, '--demo']);
