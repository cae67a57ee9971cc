// The font of link-preview images: Noto Serif from the installed @fontsource package, read once
// (nothing is downloaded at build or run time).
import fs from 'node:fs/promises';
import path from 'node:path';

let fonts: Promise<Array<{ name: string; data: ArrayBuffer; weight: 400 | 700; style: 'normal' }>> | undefined;

async function read(weight: 400 | 700) {
  const file = path.join(process.cwd(), 'node_modules', '@fontsource', 'noto-serif', 'files', `noto-serif-latin-${weight}-normal.woff`);
  const buffer = await fs.readFile(file);
  return { name: 'Noto Serif', data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer, weight, style: 'normal' as const };
}

export function previewFonts() {
  fonts ??= Promise.all([read(400), read(700)]);
  return fonts;
}
