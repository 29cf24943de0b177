import fs from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';

/**
 * A tiny YUV4MPEG2 (.y4m) writer: the format Chromium's fake camera plays in a loop
 * (`--use-file-for-fake-video-capture=<file>.y4m`). Frames are 4:2:0 (C420jpeg: full-range
 * BT.601, the chroma planes subsampled 2×2), which is what Chromium reads.
 */
export function rgbaToI420(rgba: Uint8ClampedArray, width: number, height: number): Buffer {
  const ySize = width * height;
  const cw = width / 2;
  const ch = height / 2;
  const out = Buffer.alloc(ySize + 2 * cw * ch);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const r = rgba[i]!;
      const g = rgba[i + 1]!;
      const b = rgba[i + 2]!;
      out[y * width + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((2 * y + dy) * width + 2 * x + dx) * 4;
        r += rgba[i]!;
        g += rgba[i + 1]!;
        b += rgba[i + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const u = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
      const v = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
      out[ySize + y * cw + x] = Math.max(0, Math.min(255, Math.round(u)));
      out[ySize + cw * ch + y * cw + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return out;
}

/** Write `frames` RGBA frames (all width×height, even sizes) as a .y4m file at `fps`. */
export function writeY4m(
  file: string,
  width: number,
  height: number,
  frames: readonly Uint8ClampedArray[],
  fps = 10,
): void {
  if (width % 2 || height % 2) throw new Error('y4m 4:2:0 needs even width and height');
  const parts: Buffer[] = [
    Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii'),
  ];
  for (const f of frames) {
    parts.push(Buffer.from('FRAME\n', 'ascii'), rgbaToI420(f, width, height));
  }
  fs.writeFileSync(file, Buffer.concat(parts));
}

/**
 * A "document page" video for the fake camera: black text on a white A4-shaped sheet on a
 * grey desk, a few frames (the camera loops them).
 */
export function writeDocumentVideo(file: string, lines: readonly string[]): void {
  const width = 640;
  const height = 480;
  const frames: Uint8ClampedArray[] = [];
  for (let n = 0; n < 3; n++) {
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#8a8a8a';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#f4f4f0';
    ctx.fillRect(150, 10, 340, 460);
    ctx.fillStyle = '#111111';
    ctx.font = 'bold 20px sans-serif';
    lines.forEach((line, i) => ctx.fillText(line, 170, 60 + i * 34));
    ctx.font = '12px sans-serif';
    for (let i = 0; i < 10; i++) ctx.fillText('— '.repeat(12 + ((i + n) % 4)), 170, 230 + i * 20);
    frames.push(ctx.getImageData(0, 0, width, height).data);
  }
  writeY4m(file, width, height, frames);
}
