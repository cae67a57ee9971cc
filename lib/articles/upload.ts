// Reads an uploaded .txt/.md file as UTF-8 text, refusing anything else with a clear message.
import { AppError } from '../errors';
import { MAX_ARTICLE_CHARS, MAX_UPLOAD_BYTES } from './limits';

const TEXT_FILE = /\.(txt|md|markdown)$/i;

export async function readTextFileOrThrow(file: File): Promise<string> {
  if (!TEXT_FILE.test(file.name)) {
    throw new AppError('unsupported_type', `"${file.name}" is not a .txt or .md file: save the article as plain text first.`);
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new AppError(
      'too_large',
      `"${file.name}" is ${(file.size / 1_000_000).toFixed(1)} MB: articles can be at most ${MAX_ARTICLE_CHARS.toLocaleString('en')} characters. Split it into parts.`,
    );
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError('unsupported_type', `"${file.name}" is not UTF-8 text: open it in an editor and save it as UTF-8.`);
  }
  if (text.includes('\u0000')) {
    throw new AppError('unsupported_type', `"${file.name}" is not a text file: upload a .txt or .md file with the German text.`);
  }
  return text;
}
