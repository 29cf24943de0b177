/**
 * The image worker's script is found where the build puts it: out/main/imageWorker.js, also
 * when the pool's code sits in a shared chunk (out/main/chunks/…) — the first built hub
 * looked only beside the chunk and answered 500 to every upload.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageWorkerScript } from '../../../src/core/files/imagePool';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-worker-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('imageWorkerScript', () => {
  it('finds out/main/imageWorker.js from out/main and from out/main/chunks', () => {
    const main = path.join(root, 'out', 'main');
    fs.mkdirSync(path.join(main, 'chunks'), { recursive: true });
    fs.writeFileSync(path.join(main, 'imageWorker.js'), '');
    const expected = { file: path.join(main, 'imageWorker.js'), execArgv: [] };
    expect(imageWorkerScript(main)).toEqual(expected);
    expect(imageWorkerScript(path.join(main, 'chunks'))).toEqual(expected);
  });

  it('runs the TypeScript source through tsx when there is no build', () => {
    const src = path.join(root, 'src', 'core', 'files');
    fs.mkdirSync(src, { recursive: true });
    expect(imageWorkerScript(src)).toEqual({
      file: path.join(src, 'imageWorker.ts'),
      execArgv: ['--require', 'tsx/cjs'],
    });
  });
});
