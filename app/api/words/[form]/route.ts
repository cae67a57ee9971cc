import { NextResponse } from 'next/server';
import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http';
import { loneSurrogateIn } from '@/lib/text/invisible';
import { findLearnerId } from '@/lib/vocabulary/current-learner';
import { lookUpWordOrThrow } from '@/lib/vocabulary/words';

type Context = { params: Promise<{ form: string }> };

/** `known` and `status` are the learner's: no shared cache may keep the answer. */
const PRIVATE = { 'cache-control': 'private, no-store' };

/**
 * GET /api/words/{form}[?sentence=...] → { form, baseForm, partOfSpeech, gender, plural, known, status }:
 * the dictionary's answer for one German word form, in its sentence. 404 { error, guess } for a form the
 * dictionary does not know; 400 { error } for anything that is not one word. Never asks DeepL, never writes
 * (no learner cookie is made: without one the status is "new").
 */
export async function GET(request: Request, { params }: Context) {
  try {
    const { form } = await params;
    const sentence = new URL(request.url).searchParams.get('sentence') ?? '';
    const broken = loneSurrogateIn(form) ?? loneSurrogateIn(sentence);
    if (broken) throw new AppError('bad_input', `The word or sentence contains half of a character (${broken}, an unpaired surrogate): send valid Unicode text.`);
    const answer = await lookUpWordOrThrow(await findLearnerId(), form, sentence);
    if (answer.found) return NextResponse.json(answer.word, { headers: PRIVATE });
    const error = `"${answer.form}" is not in the German dictionary; "${answer.guess}" is a guess at its dictionary form.`;
    return NextResponse.json({ error, guess: answer.guess }, { status: 404, headers: PRIVATE });
  } catch (error) {
    const response = errorResponse(error);
    response.headers.set('cache-control', PRIVATE['cache-control']);
    return response;
  }
}
