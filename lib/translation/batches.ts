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
 * An article's texts in reading order, in parts translated one after the other's start. What fits in one
 * request is one part. Otherwise the first FIRST_REQUEST_TEXTS are a part of their own: looked up and
 * sent first, in a request of their own (DeepL answers a short request sooner), so the top of the
 * article is answered first; the rest follow in full requests.
 */
export function splitTop<T>(items: readonly T[], textOf: (item: T) => string): T[][] {
  if (items.length === 0) return [];
  const fitsOne = items.length <= FIRST_REQUEST_TEXTS || (items.length <= MAX_TEXTS_PER_REQUEST && packBatches(items, textOf).length === 1);
  if (fitsOne) return [[...items]];
  return [items.slice(0, FIRST_REQUEST_TEXTS), items.slice(FIRST_REQUEST_TEXTS)];
}

export type Limiter = <R>(task: () => Promise<R>) => Promise<R>;

/** Runs what it is given with at most `limit` tasks at once, in the order given, for every caller that shares it. */
export function createLimiter(limit: number): Limiter {
  let running = 0;
  const queue: Array<() => void> = [];
  const startNext = () => {
    if (running >= limit || queue.length === 0) return;
    running++;
    queue.shift()!();
  };
  return <R>(task: () => Promise<R>) =>
    new Promise<R>((resolve, reject) => {
      queue.push(() => {
        new Promise<R>((run) => run(task())) // a task that throws at once frees its place too
          .then(resolve, reject)
          .finally(() => {
            running--;
            startNext();
          });
      });
      startNext();
    });
}
