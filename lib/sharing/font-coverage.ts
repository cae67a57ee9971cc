// Which characters a WOFF font has glyphs for: its cmap table, read the way satori's font parser
// (opentype.js) reads it, so the preview card can tell in advance what satori could not draw.
import { inflateSync } from 'node:zlib';

/** The cmap subtable opentype.js picks: scanning the records from the last, the first Unicode one. */
function isUnicodeRecord(platform: number, encoding: number): boolean {
  return (platform === 3 && (encoding === 0 || encoding === 1 || encoding === 10)) || (platform === 0 && encoding <= 4);
}

function cmapTable(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const tables = woff.readUInt16BE(12);
  for (let i = 0; i < tables; i++) {
    const entry = 44 + i * 20;
    if (woff.toString('latin1', entry, entry + 4) !== 'cmap') continue;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const original = woff.readUInt32BE(entry + 12);
    const data = woff.subarray(offset, offset + compressed);
    return compressed < original ? inflateSync(data) : data;
  }
  throw new Error('the font has no cmap table');
}

function addFormat4(cmap: Buffer, at: number, into: Set<number>): void {
  const segments = cmap.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let i = 0; i < segments; i++) {
    const start = cmap.readUInt16BE(starts + i * 2);
    const end = cmap.readUInt16BE(ends + i * 2);
    const delta = cmap.readInt16BE(deltas + i * 2);
    const rangeOffset = cmap.readUInt16BE(rangeOffsets + i * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        glyph = cmap.readUInt16BE(rangeOffsets + i * 2 + rangeOffset + (c - start) * 2);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) into.add(c);
    }
  }
}

function addFormat12(cmap: Buffer, at: number, into: Set<number>): void {
  const groups = cmap.readUInt32BE(at + 12);
  for (let i = 0; i < groups; i++) {
    const group = at + 16 + i * 12;
    const start = cmap.readUInt32BE(group);
    const end = Math.min(cmap.readUInt32BE(group + 4), 0x10ffff);
    const glyph = cmap.readUInt32BE(group + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) into.add(c);
  }
}

/** The code points a WOFF (1.0) font maps to a glyph. */
export function coveredCodePoints(woff: Buffer): Set<number> {
  const cmap = cmapTable(woff);
  const records = cmap.readUInt16BE(2);
  const covered = new Set<number>();
  for (let i = records - 1; i >= 0; i--) {
    const record = 4 + i * 8;
    if (!isUnicodeRecord(cmap.readUInt16BE(record), cmap.readUInt16BE(record + 2))) continue;
    const at = cmap.readUInt32BE(record + 4);
    const format = cmap.readUInt16BE(at);
    if (format === 4) addFormat4(cmap, at, covered);
    else if (format === 12) addFormat12(cmap, at, covered);
    else throw new Error(`cmap format ${format} is not supported`);
    return covered;
  }
  throw new Error('the font has no Unicode cmap');
}
