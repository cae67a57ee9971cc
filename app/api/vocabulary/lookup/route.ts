import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { clientAddress, errorResponse, readJsonOrThrow } from '@/lib/http';
import { loneSurrogateIn } from '@/lib/text/invisible';
import { TRANSLATION_ERROR_STATUS } from '@/lib/translation/types';
import { LOOKUPS_PER_MINUTE } from '@/lib/vocabulary/limits';
import { findLearnerId, learnerIdOrNew } from '@/lib/vocabulary/current-learner';
import { lookUpSelection } from '@/lib/vocabulary/lookup';
import { takeLookupOrThrow } from '@/lib/vocabulary/rate-limit';

const bodySchema = z.strictObject({
  slug: z.string().max(200),
  paragraph: z.number().int().min(1).max(100_000),
  sentence: z.number().int().min(0).max(100_000),
  text: z.string().max(10_000),
});

/** A school's learners may share one address: signed-in learners share this much per address. */
const LOOKUPS_PER_ADDRESS = LOOKUPS_PER_MINUTE * 10;

/**
 * POST /api/vocabulary/lookup { slug, paragraph, sentence, text } → the selection translated in its sentence.
 * When DeepL cannot translate it: 503 (502 for a failure DeepL did not explain) with the same body,
 * `translation: null` and the reason in `error` and `code`, so the learner can still type their own.
 */
export async function POST(request: Request) {
  try {
    const body = bodySchema.safeParse(await readJsonOrThrow(request, 32 * 1024));
    if (!body.success) {
      throw new AppError('bad_input', 'Send { "slug": string, "paragraph": number, "sentence": number, "text": string }: a selection in an article.');
    }
    const broken = loneSurrogateIn(body.data.slug) ?? loneSurrogateIn(body.data.text);
    if (broken) throw new AppError('bad_input', `The selection contains half of a character (${broken}, an unpaired surrogate): send it as valid Unicode text.`);
    const address = `address:${clientAddress(request.headers)}`;
    const known = await findLearnerId();
    // Without a learner cookie every call would be a new learner: such callers are limited by address.
    if (known) await takeLookupOrThrow([`learner:${known}`, `${address}:learners`], Date.now(), [LOOKUPS_PER_MINUTE, LOOKUPS_PER_ADDRESS]);
    else await takeLookupOrThrow([address], Date.now(), [LOOKUPS_PER_MINUTE]);
    const learnerId = known ?? (await learnerIdOrNew());
    const result = await lookUpSelection(learnerId, body.data);
    return NextResponse.json(result, { status: result.code ? TRANSLATION_ERROR_STATUS[result.code] : 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
