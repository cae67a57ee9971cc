'use client';
// While blocks are pending, asks the API for progress and refreshes the page when more are done.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export function TranslationProgress({ slug, done }: { slug: string; done: number }) {
  const router = useRouter();
  useEffect(() => {
    let delay = 1000;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const poll = async () => {
      try {
        const res = await fetch(`/api/articles/${encodeURIComponent(slug)}`, { cache: 'no-store' });
        if (res.ok) {
          const body: { blocks: Array<{ translation: { status: string } }> } = await res.json();
          const nowDone = body.blocks.filter((b) => b.translation.status === 'done').length;
          const settled = body.blocks.every((b) => b.translation.status !== 'pending');
          if (nowDone !== done || settled) {
            router.refresh();
            return;
          }
        }
      } catch {
        // Offline for a moment: try again later.
      }
      delay = Math.min(delay * 1.5, 10_000);
      if (!stopped) timer = setTimeout(poll, delay);
    };
    timer = setTimeout(poll, delay);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [slug, done, router]);
  return null;
}
