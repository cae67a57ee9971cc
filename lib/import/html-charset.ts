// Decodes an HTML page's bytes with the charset it declares, as browsers do: a byte-order mark, else the
// Content-Type header's charset, else a <meta charset> / http-equiv in the first 1,024 bytes, else UTF-8.

/** The HTML standard's prescan looks at the first 1,024 bytes for a <meta> naming the charset. */
const PRESCAN_BYTES = 1024;
/** <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">: bounded runs, linear. */
const META_CHARSET = /<meta\b[^>]{0,500}?charset\s*=\s*["']?\s*([\w.:-]{1,40})/i;

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null; // a label no decoder knows: go on to the next source
  }
}

/** The charset the page declares (or null); "utf-16" in a <meta> means UTF-8, as the standard says. */
export function declaredCharset(bytes: Uint8Array, headerCharset: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  const fromHeader = decoderFor(headerCharset);
  if (fromHeader) return fromHeader.encoding;
  // Latin-1 reads every byte as one character, so the ASCII of the markup is found whatever the charset.
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const fromMeta = decoderFor(META_CHARSET.exec(head)?.[1] ?? null);
  if (fromMeta) return fromMeta.encoding.startsWith('utf-16') ? 'utf-8' : fromMeta.encoding;
  return 'utf-8';
}

/** Windows-1252's characters for the bytes 0x80–0x9F („ “ ” – € …), where ISO-8859-1 has control codes. */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** The page as text. Bytes that are not valid in its charset become U+FFFD rather than failing the import. */
export function decodeHtml(bytes: Uint8Array, headerCharset: string | null): string {
  const charset = declaredCharset(bytes, headerCharset);
  const text = new TextDecoder(charset).decode(bytes);
  // Node 20's decoder reads windows-1252 (what latin1 and iso-8859-1 labels mean on the web) as ISO-8859-1:
  // German quotation marks „…“ would come out as control codes. One pass, one character each.
  if (charset !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]);
}
