'use server';

import { requireEditorOrThrow } from '@/lib/auth/current-editor';
import { createAssignmentOrThrow } from '@/lib/sharing/assignments';
import { publicMessage } from '@/lib/errors';
import { pageOrigin } from '@/lib/sharing/origin';

export type AssignmentState = { ok: true; url: string; code: string } | { ok: false; error: string } | null;

/** Creates an assignment on a passage, for an editor only. */
export async function createAssignmentAction(_prev: AssignmentState, form: FormData): Promise<AssignmentState> {
  try {
    await requireEditorOrThrow();
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
