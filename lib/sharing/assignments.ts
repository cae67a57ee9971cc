// Assignments: a teacher's task on a passage, behind a short unguessable link /s/{code}.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { pagesChanged } from '../cache/pages';
import { db } from '../db';
import { AppError } from '../errors';
import { readerModeSchema, type ReaderMode } from '../reader/preferences';
import type { Passage } from './passage';

export const MAX_TASK_CHARS = 1000;
export const CODE_PATTERN = /^[A-Za-z0-9_-]{8,32}$/;

export const createAssignmentSchema = z.object({
  slug: z.string().min(1).max(200),
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
  task: z
    .string()
    .trim()
    .min(1, 'Write the task for your students.')
    .max(MAX_TASK_CHARS, `The task is too long: keep it under ${MAX_TASK_CHARS.toLocaleString('en')} characters.`),
  mode: z.preprocess((v) => (v === '' || v === 'none' ? undefined : v), readerModeSchema.optional()),
});

export interface AssignmentView {
  code: string;
  slug: string;
  title: string;
  passage: Passage;
  task: string;
  mode: ReaderMode | null;
  createdAt: Date;
}

/** 66 random bits, URL-safe: 11 characters nobody can guess. */
export function newAssignmentCode(): string {
  return randomBytes(8).toString('base64url').slice(0, 11);
}

export async function createAssignmentOrThrow(input: z.input<typeof createAssignmentSchema>): Promise<{ code: string }> {
  const parsed = createAssignmentSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_input', parsed.error.issues[0].message);
  const { slug, from, to, task, mode } = parsed.data;
  const article = await db.article.findUnique({ where: { slug }, select: { id: true, _count: { select: { blocks: true } } } });
  if (!article) throw new AppError('not_found', 'That article no longer exists.');
  if (to < from || to > article._count.blocks) {
    throw new AppError('bad_input', `Choose paragraphs between 1 and ${article._count.blocks}.`);
  }
  const code = newAssignmentCode();
  await db.assignment.create({ data: { code, articleId: article.id, fromN: from, toN: to, task, mode: mode ?? null } });
  await pagesChanged({ kind: 'assignment-changed', code });
  return { code };
}

type Row = { code: string; fromN: number; toN: number; task: string; mode: string | null; createdAt: Date; article: { slug: string; title: string } };

function toView(row: Row): AssignmentView {
  const mode = readerModeSchema.safeParse(row.mode);
  return {
    code: row.code,
    slug: row.article.slug,
    title: row.article.title,
    passage: { from: row.fromN, to: row.toN },
    task: row.task,
    mode: mode.success ? mode.data : null,
    createdAt: row.createdAt,
  };
}

const select = { code: true, fromN: true, toN: true, task: true, mode: true, createdAt: true, article: { select: { slug: true, title: true } } };

export async function getAssignmentByCode(code: string): Promise<AssignmentView | null> {
  if (!CODE_PATTERN.test(code)) return null;
  const row = await db.assignment.findUnique({ where: { code }, select });
  return row ? toView(row) : null;
}

export async function listAssignments(): Promise<AssignmentView[]> {
  const rows = await db.assignment.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select });
  return rows.map(toView);
}

export async function deleteAssignmentOrThrow(code: string): Promise<void> {
  const { count } = await db.assignment.deleteMany({ where: { code } });
  if (count === 0) throw new AppError('not_found', 'That assignment was already deleted.');
  await pagesChanged({ kind: 'assignment-changed', code });
}
