'use client';
// While blocks are pending, asks the API for progress and refreshes the page when more are done: often
// while English is arriving, less often once nothing has changed for a while, never in a hidden tab.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** While English arrives, a newly translated block shows within this (plus one request) of being stored. */
const POLL_FAST_MS = 250;
/** After this long without a change (DeepL slow or paused), the interval grows ×1.5 up to POLL_SLOW_MS. */
const QUIET_MS = 5_000;
const POLL_SLOW_MS = 10_000;

export function TranslationProgress({ slug, done }: { slug: string; done: number }) {
  const router = useRouter();
  useEffect(() => {
    let seen = done;
    let lastChange = performance.now();
    let delay = POLL_FAST_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polling = false;
    let stopped = false;
    const schedule = () => {
      clearTimeout(timer);
      if (!stopped && !polling && document.visibilityState === 'visible') timer = setTimeout(poll, delay);
    };
    const poll = async () => {
      polling = true;
      try {
        const res = await fetch(`/api/articles/${encodeURI(slug)}`, { cache: 'no-store' });
        if (res.ok) {
          const body: { blocks: Array<{ translation: { status: string } }> } = await res.json();
          const nowDone = body.blocks.filter((b) => b.translation.status === 'done').length;
          if (body.blocks.every((b) => b.translation.status !== 'pending')) {
            stopped = true; // nothing more will arrive: the refreshed page has no pending block
            router.refresh();
            return;
          }
          if (nowDone !== seen) {
            seen = nowDone;
            lastChange = performance.now();
            delay = POLL_FAST_MS;
            router.refresh();
          }
        }
      } catch {
        // Offline for a moment: try again later.
      } finally {
        polling = false;
      }
      if (performance.now() - lastChange >= QUIET_MS) delay = Math.min(delay * 1.5, POLL_SLOW_MS);
      schedule();
    };
    // A hidden tab asks nothing; shown again, it asks at once and quickly for a while.
    const onVisibilityChange = () => {
      if (document.visibilityState !== 'visible') return clearTimeout(timer);
      lastChange = performance.now();
      delay = POLL_FAST_MS;
      if (!polling && !stopped) void poll();
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [slug, done, router]);
  return null;
}
