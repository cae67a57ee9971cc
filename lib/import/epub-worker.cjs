// Opens an EPUB on a worker thread (lib/import/epub.ts starts it): the zip is read with fflate's streaming
// Unzip, only the text entries are inflated, each inflation counted and stopped at its bound (a zip bomb is
// refused before its bytes exist, whatever its headers declare); container.xml → OPF → spine and table of
// contents (EPUB 3 nav, else the EPUB 2 NCX); DRM is refused; each chapter's XHTML is checked well-formed.
// It answers the chapters' XHTML; lib/import/epub.ts maps them to blocks. Plain CommonJS: Node loads it as it is.
'use strict';

const { parentPort, workerData } = require('node:worker_threads');
const { Unzip, UnzipInflate } = require('fflate');
// htmlparser2 rather than linkedom here: it loads in a fifth of the time, and a refusal should come fast.
const { Parser, parseDocument } = require('htmlparser2');

/** Pushed to the unzipper at a time: deflate expands at most ~1,032×, so one push makes at most ~8 MB. */
const PUSH_BYTES = 8 * 1024;
/** Entries read at all: the package's XML and its documents. Pictures, fonts and CSS are never inflated. */
const TEXT_ENTRY = /(?:^mimetype$|\.(?:xml|opf|ncx|xhtml|html|htm)$)/i;
/** Encryption of fonts only ("font obfuscation"): not DRM, the text is readable. */
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);
const DOCUMENT_TYPES = new Set(['application/xhtml+xml', 'text/html']);

class Refusal extends Error {
  constructor(kind, detail) {
    super(kind);
    this.kind = kind;
    this.detail = detail || {};
  }
}

/** The text entries of the zip, inflated within the limits; throws a Refusal at the first bound passed. */
function readEntries(bytes, limits) {
  const entries = new Map();
  const names = new Set();
  let seen = 0;
  let total = 0;
  let failure = null;
  /** The entry being inflated, named when the zip ends in its middle. */
  let inflating = null;
  const unzip = new Unzip((file) => {
    if (failure) return;
    names.add(file.name);
    if (++seen > limits.maxEntries) {
      failure = new Refusal('entries', { count: seen });
      return;
    }
    if (!TEXT_ENTRY.test(file.name)) return;
    // Declared sizes refuse a bomb at once; the counting below holds whatever was declared.
    if (file.originalSize !== undefined) {
      if (file.originalSize > limits.maxEntryBytes || total + file.originalSize > limits.maxInflatedBytes) {
        failure = new Refusal('bomb', { name: file.name });
        return;
      }
      if (file.originalSize > 1_000_000 && file.originalSize > limits.maxRatio * Math.max(1, file.size)) {
        failure = new Refusal('bomb', { name: file.name });
        return;
      }
    }
    const chunks = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = new Refusal('corrupt', { name: file.name });
        return;
      }
      size += chunk.length;
      total += chunk.length;
      const ratioPassed = size > 1_000_000 && file.size !== undefined && size > limits.maxRatio * Math.max(1, file.size);
      if (size > limits.maxEntryBytes || total > limits.maxInflatedBytes || ratioPassed) {
        failure = new Refusal('bomb', { name: file.name });
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        entries.set(file.name, Buffer.concat(chunks));
        inflating = null;
      }
    };
    inflating = file.name;
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !failure; at += PUSH_BYTES) {
      unzip.push(bytes.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= bytes.length);
    }
  } catch {
    if (!failure) failure = new Refusal(names.size === 0 ? 'not-zip' : 'corrupt', { name: inflating });
  }
  if (failure) throw failure;
  if (names.size === 0) throw new Refusal('not-zip', {});
  return { entries, names };
}

function text(bytes) {
  return new TextDecoder('utf-8').decode(bytes);
}

function parseXml(source) {
  return parseDocument(source, { xmlMode: true });
}

/** An element's name without its namespace prefix ("dc:title" → "title"). */
function localOf(el) {
  return el.name.slice(el.name.indexOf(':') + 1).toLowerCase();
}

/** The elements under `root` in document order (an explicit stack: no recursion). */
function elementsOf(root) {
  const found = [];
  const stack = [...(root.children || [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return found;
}

function elementsNamed(root, name) {
  return elementsOf(root).filter((el) => localOf(el) === name);
}

/** An attribute by its name, with or without a namespace prefix ("epub:type", "opf:role"). */
function attr(el, name) {
  if (Object.hasOwn(el.attribs, name)) return el.attribs[name];
  for (const [key, value] of Object.entries(el.attribs)) if (key.slice(key.indexOf(':') + 1) === name) return value;
  return null;
}

/** A path inside the zip from `href` relative to the file at `base` (fragment dropped, %-escapes decoded). */
function resolvePath(base, href) {
  const bare = href.split('#')[0];
  let decoded = bare;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    // kept as written
  }
  const parts = decoded.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const part of decoded.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** DRM: rights.xml, or encryption.xml encrypting anything with more than font obfuscation. */
function checkRights(entries, names) {
  if (names.has('META-INF/rights.xml')) throw new Refusal('drm', {});
  const encryption = entries.get('META-INF/encryption.xml');
  if (!encryption) return;
  const doc = parseXml(text(encryption));
  for (const data of elementsNamed(doc, 'encrypteddata')) {
    const method = elementsNamed(data, 'encryptionmethod')[0];
    const algorithm = method ? attr(method, 'Algorithm') : null;
    if (!algorithm || !FONT_OBFUSCATION.has(algorithm)) throw new Refusal('drm', {});
  }
}

function textOf(el) {
  const parts = [];
  const stack = [el];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node.type === 'text') parts.push(node.data);
    else if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Table of contents: document path → its first title, from the EPUB 3 nav or the EPUB 2 NCX. */
function tableOfContents(entries, navPath, ncxPath) {
  const titles = new Map();
  const add = (base, href, title) => {
    if (!href || !title) return;
    const target = resolvePath(base, href);
    if (!titles.has(target)) titles.set(target, title.slice(0, 200));
  };
  const nav = navPath && entries.get(navPath);
  if (nav) {
    const doc = parseXml(text(nav));
    const navs = elementsNamed(doc, 'nav');
    const toc = navs.find((n) => /\btoc\b/.test(attr(n, 'type') || '')) || navs[0];
    if (toc) for (const a of elementsNamed(toc, 'a')) add(navPath, attr(a, 'href'), textOf(a));
  }
  const ncx = titles.size === 0 && ncxPath && entries.get(ncxPath);
  if (ncx) {
    const doc = parseXml(text(ncx));
    for (const point of elementsNamed(doc, 'navpoint')) {
      const label = elementsNamed(point, 'text')[0];
      const content = elementsNamed(point, 'content')[0];
      if (label && content) add(ncxPath, attr(content, 'src'), textOf(label));
    }
  }
  return titles;
}

/** The first place where the XHTML is not well-formed (a tag closed by another's end tag or never closed), or null. */
function brokenAt(source) {
  let problem = null;
  const open = [];
  const parser = new Parser(
    {
      onopentag(name) {
        open.push(name);
      },
      onclosetag(name, implied) {
        open.pop();
        // A self-closing tag (<br/>) is closed "implied" too: only a close forced by another tag, or the end, is broken.
        const selfClosing = source.slice(Math.max(parser.startIndex, parser.endIndex - 1), parser.endIndex + 1) === '/>';
        if (implied && !selfClosing && !problem) problem = { tag: name, at: parser.startIndex };
      },
    },
    { xmlMode: true },
  );
  parser.write(source);
  parser.end();
  if (!problem) return null;
  const line = source.slice(0, problem.at).split('\n').length;
  return `<${problem.tag}> is not closed where it should be (near line ${line})`;
}

function read({ bytes, limits }) {
  const { entries, names } = readEntries(bytes, limits);
  const mimetype = entries.get('mimetype');
  const container = entries.get('META-INF/container.xml');
  if (!mimetype || !container || text(mimetype).trim() !== 'application/epub+zip') throw new Refusal('not-epub', {});
  checkRights(entries, names);
  const rootfile = elementsNamed(parseXml(text(container)), 'rootfile')[0];
  const opfPath = rootfile && attr(rootfile, 'full-path');
  const opf = opfPath && entries.get(opfPath);
  if (!opf) throw new Refusal('not-epub', {});
  const pkg = parseXml(text(opf));
  const items = new Map();
  let navPath = null;
  for (const item of elementsNamed(pkg, 'item')) {
    const href = attr(item, 'href');
    if (!href) continue;
    const entry = { id: attr(item, 'id'), path: resolvePath(opfPath, href), type: (attr(item, 'media-type') || '').toLowerCase() };
    items.set(entry.id, entry);
    if (/\bnav\b/.test(attr(item, 'properties') || '')) navPath = entry.path;
  }
  const spine = elementsNamed(pkg, 'spine')[0];
  const ncxItem = spine && items.get(attr(spine, 'toc'));
  const ncxPath = ncxItem ? ncxItem.path : [...items.values()].find((i) => i.type === 'application/x-dtbncx+xml')?.path;
  const toc = tableOfContents(entries, navPath, ncxPath);
  const chapters = [];
  for (const ref of spine ? elementsNamed(spine, 'itemref') : []) {
    const item = items.get(attr(ref, 'idref'));
    if (!item || !DOCUMENT_TYPES.has(item.type) || item.path === navPath) continue;
    if (attr(ref, 'linear') === 'no' && !toc.has(item.path)) continue;
    const body = entries.get(item.path);
    // Listed in the spine but missing or cut off (a truncated download): not a book to import in part.
    if (!body) throw new Refusal('corrupt', { name: item.path });
    if (chapters.length >= limits.maxChapters) throw new Refusal('chapters', { count: chapters.length + 1 });
    const xhtml = text(body);
    const tocTitle = toc.get(item.path) || null;
    const broken = brokenAt(xhtml);
    if (broken) throw new Refusal('broken', { path: item.path, title: tocTitle, problem: broken });
    chapters.push({ path: item.path, title: tocTitle, xhtml });
  }
  const metadataTitle = elementsNamed(pkg, 'title')[0];
  const creator = elementsNamed(pkg, 'creator')[0];
  return {
    title: metadataTitle ? textOf(metadataTitle).slice(0, 200) : null,
    creator: creator ? textOf(creator).slice(0, 200) : null,
    chapters,
  };
}

try {
  parentPort.postMessage({ ok: read(workerData) });
} catch (error) {
  if (error instanceof Refusal) parentPort.postMessage({ refused: error.kind, detail: error.detail });
  else parentPort.postMessage({ error: String((error && error.message) || error).slice(0, 300) });
}
