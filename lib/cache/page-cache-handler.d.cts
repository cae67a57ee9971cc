// Types for page-cache-handler.cjs (plain CommonJS, so next.config.js can name it as Next's cacheHandler).
declare class PageCacheHandler {
  get(key: string, ctx: { kind: string; softTags?: string[] }): Promise<{ lastModified: number; value: unknown } | null>;
  set(key: string, value: unknown): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
declare namespace PageCacheHandler {
  const NOT_FINAL: string;
  const PAGE_CACHE_BYTES: number;
  function invalidateTags(tags: string[]): void;
  function hasFreshPage(path: string): boolean;
  interface SentPage {
    body: Buffer;
    etag: string;
    policy: string;
    gzip: Buffer | null;
  }
  function keptPage(path: string): SentPage | undefined;
  function gzipOf(page: SentPage): Buffer;
  function pageCacheState(): { tagTimes: Map<string, number>; entries: Map<string, { bytes: number; tags: string[]; path: string }>; paths: Map<string, string>; usedBytes: number; missedAt: Map<string, number> };
}
export = PageCacheHandler;
