#!/usr/bin/env node
/*
 * Draws the add-in icons (assets/icon-<size>.png): a green rounded square with a white
 * sheet outline and a check mark. Pure Node (zlib), no image library.
 * Usage: node scripts/make-icons.js
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const BACKGROUND = [0x1e, 0x6b, 0x52];
const FOREGROUND = [0xff, 0xff, 0xff];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Distance from (px, py) to the segment (ax, ay)-(bx, by). */
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Shapes in a unit square: returns [insideBackground, insideForeground]. */
function sample(x, y) {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  const inBackground = Math.hypot(x - cx, y - cy) <= r;
  if (!inBackground) return [false, false];
  const stroke = 0.055;
  // Sheet: three rules on the left part.
  const rules = [0.3, 0.47, 0.64].some((ry) => Math.abs(y - ry) <= stroke / 2 && x >= 0.2 && x <= 0.52);
  // Check mark on the right.
  const check =
    segmentDistance(x, y, 0.48, 0.62, 0.6, 0.76) <= stroke * 0.9 ||
    segmentDistance(x, y, 0.6, 0.76, 0.82, 0.36) <= stroke * 0.9;
  return [true, rules || check];
}

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4; // supersampling per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [b, f] = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (b) bg++;
          if (f) fg++;
        }
      }
      const total = n * n;
      const alpha = bg / total;
      const mix = bg === 0 ? 0 : fg / bg;
      const i = (py * size + px) * 4;
      for (let k = 0; k < 3; k++) rgba[i + k] = Math.round(BACKGROUND[k] * (1 - mix) + FOREGROUND[k] * mix);
      rgba[i + 3] = Math.round(alpha * 255);
    }
  }
  return png(size, rgba);
}

const outDir = path.join(__dirname, "..", "assets");
fs.mkdirSync(outDir, { recursive: true });
for (const size of SIZES) {
  const file = path.join(outDir, `icon-${size}.png`);
  fs.writeFileSync(file, draw(size));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
