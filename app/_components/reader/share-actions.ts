'use server';

import { cookies } from 'next/headers';
import { EDITOR_COOKIE, requireEditorOrThrow } from '@/lib/auth/editor';
import { createAssignmentOrThrow } from '@/lib/sharing/assignments';
import { publicMessage } from '@/lib/errors';
import { pageOrigin } from '@/lib/sharing/origin';

export type AssignmentState = { ok: true; url: string; code: string } | { ok: false; error: string } | null;

/** Creates an assignment on a passage; with ADMIN_PASSWORD set, only for a signed-in editor. */
export async function createAssignmentAction(_prev: AssignmentState, form: FormData): Promise<AssignmentState> {
  try {
    requireEditorOrThrow((await cookies()).get(EDITOR_COOKIE)?.value);
    const { code } = await createAssignmentOrThrow({
      slug: String(form.get('slug') ?? ''),
      from: String(form.get('from') ?? ''),
      to: String(form.get('to') ?? ''),
      task: String(form.get('task') ?? ''),
      mode: String(form.get('mode') ?? ''),
    });
    return { ok: true, code, url: `${await pageOrigin()}/s/${code}` };
  } catch (error) {
    return { ok: false, error: publicMessage(error) };
  }
}
