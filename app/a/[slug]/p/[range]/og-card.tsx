import { ImageResponse } from 'next/og';
import { passageLabel } from '@/lib/sharing/passage';
import { fitBlocks, passagePreview, trimTo } from '@/lib/sharing/preview';
import { drawableText, previewFonts } from '@/lib/sharing/og-fonts';
import { getPassage } from './passage';

const column = { display: 'flex', flexDirection: 'column', flex: 1, fontSize: 26, lineHeight: 1.4 } as const;

/** The link-preview card of a passage (an article's, or a chapter's: slug "{book}/{n}"): its German beside its English, 1200×630 PNG. */
export async function passageCardResponse(slug: string, range: string): Promise<Response> {
  const found = await getPassage(slug, range);
  if (!found) return new Response('No such passage.', { status: 404 });
  const preview = passagePreview(found.article, found.passage);
  // Only what the shipped fonts draw: anything else would make satori download fonts or emoji.
  const drawable = (texts: ReturnType<typeof fitBlocks>) => Promise.all(texts.map(async (t) => ({ ...t, text: await drawableText(t.text) })));
  const german = await drawable(fitBlocks(preview.blocks.map((b) => ({ kind: b.kind, text: b.de })), 320));
  const english = await drawable(fitBlocks(preview.blocks.map((b) => ({ kind: b.kind, text: b.en })), 320));
  const title = await drawableText(trimTo(found.article.title, 70));
  const paragraphs = (texts: typeof german) =>
    texts.map((t, i) => (
      <div key={i} style={{ display: 'flex', marginBottom: 12, fontWeight: t.kind === 'heading' ? 700 : 400 }}>
        {t.text}
      </div>
    ));
  return new ImageResponse(
    (
      <div style={{ display: 'flex', flexDirection: 'column', width: '100%', height: '100%', padding: 56, background: '#fbfaf7', color: '#1d1d1f', fontFamily: 'Noto Serif' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 24, color: '#5f6368' }}>
          <span>Nebeneinander</span>
          <span>{passageLabel(found.passage)}</span>
        </div>
        <div style={{ display: 'flex', fontSize: 40, fontWeight: 700, marginTop: 12, marginBottom: 28 }}>{title}</div>
        <div style={{ display: 'flex', gap: 40, flex: 1 }}>
          <div style={{ ...column, borderTop: '4px solid #1f5fbf', paddingTop: 16 }}>{paragraphs(german)}</div>
          <div style={{ ...column, borderTop: '4px solid #b9b5aa', paddingTop: 16, color: '#3c3c40' }}>
            {english.length ? paragraphs(english) : 'English translation to follow.'}
          </div>
        </div>
      </div>
    ),
    { width: 1200, height: 630, fonts: await previewFonts(), headers: { 'Cache-Control': 'public, max-age=300' } },
  );
}
