#!/usr/bin/env node
// `npm run hub -- [options]`: builds the app on first use (when out/ is missing), then runs
// the hub in this process. After changing the source, rebuild with `npm run build`.
import { runBuilt } from './ensure-built.mjs';

await runBuilt('out/main/hub.js', ['out/renderer/index.html']);
