// Packs texts into DeepL requests: at most 50 texts and well under the 128 KiB request limit.
export const MAX_TEXTS_PER_REQUEST = 50;
/** Form-encoded bytes of the texts; the rest of the request is a few hundred bytes. */
export const MAX_BYTES_PER_REQUEST = 64 * 1024;

function encodedBytes(text: string): number {
  return Buffer.byteLength(encodeURIComponent(text)) + '&text='.length;
}

/** Groups items in order; an item larger than the byte budget travels alone. */
export function packBatches<T>(items: readonly T[], textOf: (item: T) => string): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = encodedBytes(textOf(item));
    if (current.length > 0 && (current.length >= MAX_TEXTS_PER_REQUEST || bytes + size > MAX_BYTES_PER_REQUEST)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Texts in the first request of a long article: a screenful or so, the top of what the reader shows. */
export const FIRST_REQUEST_TEXTS = 12;

/**
 * The requests for texts in reading order. What fits in one request goes as one. Otherwise the first
 * FIRST_REQUEST_TEXTS go as a request of their own, so the top of the article is answered first
 * (DeepL answers a short request sooner), and the rest follow in full requests.
 */
export function planBatches<T>(items: readonly T[], textOf: (item: T) => string): T[][] {
  const all = packBatches(items, textOf);
  if (all.length <= 1) return all;
  return [...packBatches(items.slice(0, FIRST_REQUEST_TEXTS), textOf), ...packBatches(items.slice(FIRST_REQUEST_TEXTS), textOf)];
}

/** Runs tasks with at most `limit` in flight at once. */
export async function runWithConcurrency(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}
