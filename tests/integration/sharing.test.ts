// Assignments, removal tombstones, passage previews and 404 explanations, against a real database.
import { describe, expect, it } from 'vitest';
import { importArticleOrThrow } from '@/lib/articles/import-article';
import { getArticleBySlug } from '@/lib/articles/queries';
import { removeArticleOrThrow } from '@/lib/articles/remove-article';
import { db } from '@/lib/db';
import {
  CODE_PATTERN,
  createAssignmentOrThrow,
  deleteAssignmentOrThrow,
  getAssignmentByCode,
  listAssignments,
} from '@/lib/sharing/assignments';
import { explainNotFound } from '@/lib/sharing/not-found-reason';
import { passagePreview } from '@/lib/sharing/preview';

const text = 'Überschrift eins\n\nErster Absatz. Er hat zwei Sätze.\n\nZweiter Absatz.\n\nDritter Absatz.';

describe('assignments', () => {
  it('are created on a passage with an unguessable code, listed, opened and deleted', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Aufgabe', text });
    const { code } = await createAssignmentOrThrow({ slug, from: 2, to: 3, task: '  Finde drei Verben.  ', mode: 'practice' });
    expect(code).toMatch(CODE_PATTERN);
    expect(code.length).toBeGreaterThanOrEqual(8);
    expect(await getAssignmentByCode(code)).toMatchObject({ slug, passage: { from: 2, to: 3 }, task: 'Finde drei Verben.', mode: 'practice' });
    expect((await listAssignments()).map((a) => a.code)).toContain(code);
    await deleteAssignmentOrThrow(code);
    expect(await getAssignmentByCode(code)).toBeNull();
    await expect(deleteAssignmentOrThrow(code)).rejects.toThrow(/already deleted/);
  });

  it('gets a different code every time', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Codes', text });
    const codes = await Promise.all(Array.from({ length: 20 }, () => createAssignmentOrThrow({ slug, from: 1, to: 1, task: 'Lies.' })));
    expect(new Set(codes.map((c) => c.code)).size).toBe(20);
  });

  it.each([
    [{ from: 1, to: 1, task: '' }, /Write the task/],
    [{ from: 1, to: 1, task: 'x'.repeat(1001) }, /too long/],
    [{ from: 3, to: 2, task: 'Lies.' }, /between 1 and 4/],
    [{ from: 1, to: 5, task: 'Lies.' }, /between 1 and 4/],
    [{ from: 0, to: 1, task: 'Lies.' }, /./],
    [{ from: 1, to: 1, task: 'Lies.', mode: 'upside-down' }, /./],
  ])('refuses %o', async (input, message) => {
    const { slug } = await importArticleOrThrow({ title: 'Falsch', text });
    const before = await db.assignment.count();
    await expect(createAssignmentOrThrow({ slug, ...input })).rejects.toThrow(message);
    expect(await db.assignment.count()).toBe(before);
  });

  it('answers null for codes that cannot be ours, without a query', async () => {
    for (const code of ['short', '../../x', 'a'.repeat(40), "x' OR 1=1 --"]) expect(await getAssignmentByCode(code)).toBeNull();
  });
});

describe('removing an article', () => {
  it('leaves a tombstone, so its links say it was removed, and takes its assignments along', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Bald weg', text });
    const { code } = await createAssignmentOrThrow({ slug, from: 1, to: 2, task: 'Lies.' });
    await removeArticleOrThrow(slug);
    expect(await getArticleBySlug(slug)).toBeNull();
    expect(await getAssignmentByCode(code)).toBeNull();
    expect(await explainNotFound(`/a/${slug}/p/2`)).toMatchObject({ kind: 'removed', title: 'Bald weg' });
    await expect(removeArticleOrThrow(slug)).rejects.toThrow(/No article/);
  });
});

describe('explainNotFound', () => {
  it('names the problem of a bad paragraph link and the article to read instead', async () => {
    const { slug } = await importArticleOrThrow({ title: 'Vier Absätze', text });
    expect(await explainNotFound(`/a/${slug}/p/9`)).toEqual({
      kind: 'bad-passage',
      slug,
      title: 'Vier Absätze',
      message: 'This article has 4 paragraphs, so there is no ¶9.',
    });
    expect(await explainNotFound('/a/nothing-here')).toEqual({ kind: 'no-article' });
    expect(await explainNotFound(null)).toEqual({ kind: 'no-article' });
  });
});

describe('passagePreview', () => {
  it('titles a range with ¶n–m and describes it with its German, keeping markup as text', async () => {
    const hostile = 'Er sagte: "Hallo" <script>alert(1)</script> & ging.\n\nZweiter Absatz.';
    const { slug } = await importArticleOrThrow({ title: 'Zitat "Test" <b>fett</b>', text: hostile });
    const article = (await getArticleBySlug(slug))!;
    const preview = passagePreview(article, { from: 1, to: 2 });
    expect(preview.title).toBe('Zitat "Test" <b>fett</b> ¶1–2');
    expect(preview.description).toBe('Er sagte: "Hallo" <script>alert(1)</script> & ging. — Zweiter Absatz.');
    expect(passagePreview(article, { from: 2, to: 2 }).title).toBe('Zitat "Test" <b>fett</b> ¶2');
  });

  it('trims a long description at a word', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Satz Nummer ${i} ist hier.`).join(' ');
    const { slug } = await importArticleOrThrow({ title: 'Lang', text: long });
    const { description } = passagePreview((await getArticleBySlug(slug))!, { from: 1, to: 1 });
    expect(description.length).toBeLessThanOrEqual(202);
    expect(description.endsWith(' …')).toBe(true);
  });
});
