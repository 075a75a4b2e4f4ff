#!/usr/bin/env node
// Draws the Gatehouse glyph (two towers and an arch) into the PNGs under resources/: tray
// template images for macOS, plain ones for Windows and Linux, and the 512 px app icon that
// electron-builder turns into .icns/.ico. Run again after changing the glyph; the output is committed.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < size; y += 1) rows.push(Buffer.from([0]), rgba.subarray(y * size * 4, (y + 1) * size * 4));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** The glyph in unit coordinates (y down). */
function inside(x, y) {
  const tower = (left) => x >= left && x <= left + 0.22 && y >= 0.2 && y <= 0.9;
  const merlon = (left) => y >= 0.08 && y < 0.2 && ((x >= left && x <= left + 0.08) || (x >= left + 0.14 && x <= left + 0.22));
  const lintel = x >= 0.12 && x <= 0.88 && y >= 0.32 && y <= 0.46;
  const archFill = x > 0.34 && x < 0.66 && y > 0.46 && y < 0.62 && Math.hypot(x - 0.5, y - 0.64) > 0.16;
  return tower(0.12) || tower(0.66) || merlon(0.12) || merlon(0.66) || lintel || archFill;
}

/**
 * Renders the glyph with 4×4 supersampling. With `background`, the glyph is inset on a rounded
 * square (the app icon); without, it is a bare silhouette (tray images).
 */
function draw(size, [red, green, blue], background) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  const inset = background === undefined ? 0 : 0.22;
  const glyph = (x, y) => inside((x - inset) / (1 - 2 * inset), (y - inset) / (1 - 2 * inset));
  const tile = (x, y) => Math.hypot(Math.max(Math.abs(x - 0.5) - 0.3, 0), Math.max(Math.abs(y - 0.5) - 0.3, 0)) <= 0.14;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let covered = 0;
      let tiled = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          if (glyph(u, v)) covered += 1;
          if (background !== undefined && tile(u, v)) tiled += 1;
        }
      }
      const alpha = covered / samples ** 2;
      const offset = (y * size + x) * 4;
      if (background === undefined) {
        pixels.set([red, green, blue, Math.round(alpha * 255)], offset);
      } else {
        const mix = (base, value) => Math.round(base * (1 - alpha) + value * alpha);
        pixels.set([mix(background[0], red), mix(background[1], green), mix(background[2], blue), Math.round((tiled / samples ** 2) * 255)], offset);
      }
    }
  }
  return encodePng(size, pixels);
}

const out = (name, data) => {
  const file = path.join(root, 'resources', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
};
out('tray/trayTemplate.png', draw(16, [0, 0, 0]));
out('tray/trayTemplate@2x.png', draw(32, [0, 0, 0]));
out('tray/tray-linux.png', draw(24, [235, 238, 242]));
out('tray/tray-win.png', draw(32, [74, 110, 224]));
out('tray/tray-win@2x.png', draw(64, [74, 110, 224]));
out('icon.png', draw(512, [255, 255, 255], [74, 110, 224]));
