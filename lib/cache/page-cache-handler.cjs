// Next's cache handler (next.config.js `cacheHandler`): where Next keeps the finished pages it serves to
// every client (the library, readers, passages, assignments: ISR). In this process's memory, bounded in
// bytes, least recently used first; nothing is written to disk. Plain CommonJS: Next requires it as is.
//
// A page is kept only when it is final (see lib/cache/pages.ts): a 200 whose render did not tag it
// NOT_FINAL (an article with pending or failed blocks). Entries are forgotten by tag: the data layer calls
// invalidatePages() (lib/cache/pages.ts) where data changes, Next's revalidateTag/revalidatePath call
// revalidateTag() below; both stamp the tag's time in one table on globalThis, shared by this module and
// the app's bundles. An entry whose render began before a stamp of one of its tags is a miss.

/** The tag a render adds when its page must not be kept (lib/cache/pages.ts uses the same string). */
const NOT_FINAL = 'nb:not-final';
/** A few hundred long articles; a page over the whole budget is not kept. */
const PAGE_CACHE_BYTES = 64 * 1024 * 1024;
/** Renders remembered as begun; far more than two cores can have in flight. */
const MAX_RENDERS_IN_FLIGHT = 10_000;
/** Next's header listing a page's tags. */
const TAGS_HEADER = 'x-next-cache-tags';
const STATE = Symbol.for('nebeneinander.page-cache');
const POLICY_HEADER = 'content-security-policy';

/**
 * The one table both sides use: tag → when it was last invalidated (ms since the epoch), the entries, and
 * when each key's render began (its first miss), so a render that overlapped an invalidation is not kept.
 */
function pageCacheState() {
  globalThis[STATE] ??= { tagTimes: new Map(), entries: new Map(), paths: new Map(), usedBytes: 0, missedAt: new Map() };
  return globalThis[STATE];
}

const { createHash } = require('node:crypto');
const { gzipSync } = require('node:zlib');

/** The page's HTML as text (Next hands a finished render over as a RenderResult around a string). */
function htmlOf(value) {
  const html = value.html;
  if (typeof html === 'string') return html;
  return html && typeof html.response === 'string' ? html.toUnchunkedString() : '';
}

/**
 * The text of every inline script of a page (`<script …>text</script>` without a src), in one pass:
 * each search starts where the last one ended, so no part of the page is read twice.
 */
function inlineScripts(html) {
  const scripts = [];
  for (let at = 0; ; ) {
    const open = html.indexOf('<script', at);
    const tagEnd = open === -1 ? -1 : html.indexOf('>', open);
    const close = tagEnd === -1 ? -1 : html.indexOf('</script>', tagEnd);
    if (close === -1) return scripts;
    if (!/\ssrc=/.test(html.slice(open, tagEnd))) scripts.push(html.slice(tagEnd + 1, close));
    at = close + '</script>'.length;
  }
}

/**
 * The kept page's own script policy: exactly its inline scripts, by hash (Next's payload scripts and the
 * pre-paint script, lib/reader/prepaint.cjs), and this origin's files. Sent with the page besides the
 * site-wide policy of next.config.js (which must allow inline scripts for pages rendered per request), so
 * a browser enforces both: on a kept page no inline script but these runs.
 */
function scriptPolicy(html) {
  const hashes = new Set();
  for (const script of inlineScripts(html)) hashes.add(`'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
  return `script-src 'self' ${[...hashes].join(' ')}`.trim();
}

function bufferBytes(buffer) {
  return buffer ? buffer.length : 0;
}

/** Roughly what an entry holds, as Next's own memory cache counts it. */
function entryBytes(key, value) {
  let bytes = key.length + htmlOf(value).length * 4 + bufferBytes(value.rscData);
  if (value.segmentData) for (const [path, buffer] of value.segmentData) bytes += path.length + bufferBytes(buffer);
  return bytes;
}

function tagsOf(value) {
  const header = value.headers && value.headers[TAGS_HEADER];
  return typeof header === 'string' && header !== '' ? header.split(',') : [];
}

/** Whether any of `tags` was invalidated at or after `since`. */
function invalidatedSince(tags, since) {
  const { tagTimes } = pageCacheState();
  for (const tag of tags) {
    const at = tagTimes.get(tag);
    if (at !== undefined && at >= since) return true;
  }
  return false;
}

function forget(state, key) {
  const entry = state.entries.get(key);
  if (!entry) return;
  state.entries.delete(key);
  state.paths.delete(entry.path);
  state.usedBytes -= entry.bytes;
}

/** The path a key stands for: Next's keys end in `/$` and the route's path (`/route-cache/APP_PAGE/<hash>/$/a/x`). */
function pathOf(key) {
  const at = key.indexOf('/$/');
  return at === -1 ? key : key.slice(at + 2);
}

function freshEntry(path) {
  const state = pageCacheState();
  const entry = state.entries.get(state.paths.get(path));
  return entry !== undefined && !invalidatedSince(entry.tags, entry.renderedFrom) ? entry : undefined;
}

/**
 * Whether a page is kept for this route path and still fresh: proxy.ts then knows it exists without
 * asking the database (it asks only for pages not kept, to send what names nothing to the 404 page).
 */
function hasFreshPage(path) {
  return freshEntry(path) !== undefined;
}

/**
 * The kept page for a route path as the front server sends it to a browser (lib/cache/kept-pages.ts):
 * its HTML as bytes, compressed once on first demand, its ETag and its script policy. Undefined when
 * none is kept or it is no longer fresh.
 */
function keptPage(path) {
  const entry = freshEntry(path);
  if (!entry) return undefined;
  const state = pageCacheState();
  state.entries.delete(entry.key);
  state.entries.set(entry.key, entry);
  if (!entry.sent) {
    const body = Buffer.from(htmlOf(entry.value), 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    entry.sent = { body, etag, policy: entry.value.headers[POLICY_HEADER], gzip: null };
  }
  return entry.sent;
}

/** The page's gzip, made once. */
function gzipOf(sent) {
  sent.gzip ??= gzipSync(sent.body);
  return sent.gzip;
}

class PageCacheHandler {
  async get(key, ctx) {
    const state = pageCacheState();
    const entry = ctx.kind === 'APP_PAGE' ? state.entries.get(key) : undefined;
    if (entry && !invalidatedSince([...entry.tags, ...(ctx.softTags ?? [])], entry.renderedFrom)) {
      state.entries.delete(key);
      state.entries.set(key, entry);
      return { lastModified: entry.renderedFrom, value: entry.value };
    }
    if (entry) forget(state, key);
    // Next renders the page now; what it renders reflects the data as of this moment at the earliest.
    if (!state.missedAt.has(key)) {
      // A render that never finishes leaves its key behind: keep the oldest few thousand at most.
      if (state.missedAt.size >= MAX_RENDERS_IN_FLIGHT) state.missedAt.delete(state.missedAt.keys().next().value);
      state.missedAt.set(key, Date.now());
    }
    return null;
  }

  async set(key, value) {
    const state = pageCacheState();
    const renderedFrom = state.missedAt.get(key) ?? Date.now();
    state.missedAt.delete(key);
    forget(state, key);
    // Data (unstable_cache, fetch) is not kept here: the pages are the cache.
    if (!value || value.kind !== 'APP_PAGE' || (value.status ?? 200) !== 200) return;
    const tags = tagsOf(value);
    if (tags.includes(NOT_FINAL) || invalidatedSince(tags, renderedFrom)) return;
    const bytes = entryBytes(key, value);
    if (bytes > PAGE_CACHE_BYTES) return;
    value.headers = { ...value.headers, [POLICY_HEADER]: scriptPolicy(htmlOf(value)) };
    const path = pathOf(key);
    // Counted with room for the bytes and the gzip the front server may make of it (keptPage).
    state.entries.set(key, { key, value, tags, renderedFrom, bytes, path, sent: null });
    state.paths.set(path, key);
    state.usedBytes += bytes;
    for (const oldest of state.entries.keys()) {
      if (state.usedBytes <= PAGE_CACHE_BYTES) break;
      forget(state, oldest);
    }
  }

  async revalidateTag(tags) {
    invalidateTags(Array.isArray(tags) ? tags : [tags]);
  }

  resetRequestCache() {}
}

/** Stamps each tag with now: every entry carrying one, rendered before now, is a miss from here on. */
function invalidateTags(tags) {
  const { tagTimes } = pageCacheState();
  const now = Date.now();
  for (const tag of tags) tagTimes.set(tag, now);
}

module.exports = PageCacheHandler;
module.exports.invalidateTags = invalidateTags;
module.exports.hasFreshPage = hasFreshPage;
module.exports.keptPage = keptPage;
module.exports.gzipOf = gzipOf;
module.exports.pageCacheState = pageCacheState;
module.exports.NOT_FINAL = NOT_FINAL;
module.exports.PAGE_CACHE_BYTES = PAGE_CACHE_BYTES;
