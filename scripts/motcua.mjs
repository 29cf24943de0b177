#!/usr/bin/env node
// `npm run motcua -- <command>` (backup, restore, sync export/import): builds the app on first
// use (when out/ is missing), then runs the maintenance CLI in this process.
import { runBuilt } from './ensure-built.mjs';

await runBuilt('out/main/motcua.js');
