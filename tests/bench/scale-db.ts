// Builds the benchmark's large library in a separate SQLite file: 1,000 articles (15,000 blocks),
// 100,000 translation cache rows and 50,000 vocabulary notes, inserted directly for speed.
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { blockCacheKey } from '@/lib/translation/settings';
import { segmentArticle } from '@/lib/text/segment';
import { LEARNER_SECRET_NAME, learnerCookieValue } from '@/lib/vocabulary/learner';
import { firstWord } from '@/lib/vocabulary/marks';
import { countLemmas, lemmaKey } from '@/lib/german/lemma';
import { NOTE_PASS_DONE } from '@/lib/words/backfill';
import { migrate } from '../support/migrate';
import { DEMO_TEXT, generatedArticle } from './support';

export function buildScaleDatabase(file: string, articles = 1000, cacheRows = 100_000): { blocks: number; cacheRows: number } {
  migrate(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insertArticle = db.prepare('INSERT INTO Article (slug, title, source, isDemo, createdAt) VALUES (?, ?, NULL, 0, ?)');
  const insertBlock = db.prepare('INSERT INTO Block (articleId, n, kind, text, credit, sentences, cacheKey) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // Each article's lemma counts, as an import writes them (lib/words/article-lemmas.ts), so the server's start-up pass has nothing to do.
  const insertLemma = db.prepare('INSERT INTO ArticleLemma (articleId, lemma, count) VALUES (?, ?, ?)');
  const setRunning = db.prepare('UPDATE Article SET runningWords = ? WHERE id = ?');
  const insertCache = db.prepare(
    "INSERT OR IGNORE INTO TranslationCache (key, engine, targetLang, sentences, text, aligned, billedChars, createdAt) VALUES (?, 'deepl', 'EN-US', ?, ?, 1, ?, ?)",
  );
  const now = Date.now();
  let blocks = 0;
  let rows = 0;
  db.transaction(() => {
    for (let a = 0; a < articles; a++) {
      const text = generatedArticle(15, `Archiv ${a}`);
      const created = new Date(now - (articles - a) * 60_000).toISOString();
      const id = Number(insertArticle.run(`archiv-artikel-${a}`, `Archivartikel Nummer ${a}`, created).lastInsertRowid);
      const segmented = segmentArticle(text);
      const counts = countLemmas(segmented.map((b) => b.sentences));
      for (const [lemma, count] of counts) insertLemma.run(id, lemma, count);
      setRunning.run([...counts.values()].reduce((x, y) => x + y, 0), id);
      for (const b of segmented) {
        const key = blockCacheKey(b.sentences);
        insertBlock.run(id, b.n, b.kind, b.text, b.credit ?? null, JSON.stringify(b.sentences), key);
        const en = b.sentences.map((s) => `EN(${s})`);
        rows += insertCache.run(key, JSON.stringify(en), en.join(' '), b.text.length, created).changes;
        blocks++;
      }
    }
    for (let i = 0; rows < cacheRows; i++) {
      const key = createHash('sha256').update(`unrelated ${i}`).digest('hex');
      rows += insertCache.run(key, JSON.stringify([`Sentence ${i}.`]), `Sentence ${i}.`, 12, new Date(now).toISOString()).changes;
    }
  })();
  db.close();
  return { blocks, cacheRows: rows };
}

/**
 * Adds vocabulary: `learners` learners with `perLearner` notes each, plus one heavy learner with
 * `heavy` notes, 60 of them words of the demo article. Answers the heavy learner's cookie.
 */
export function addScaleNotes(
  file: string,
  { learners = 45, perLearner = 1000, heavy = 5000, heavyKnown = 20_000 } = {},
): { notes: number; heavyCookie: string } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const secret = randomBytes(32);
  db.prepare('INSERT OR REPLACE INTO AppSecret (name, value, createdAt) VALUES (?, ?, ?)').run(LEARNER_SECRET_NAME, secret.toString('base64url'), new Date().toISOString());
  const insertLearner = db.prepare('INSERT INTO Learner (id, createdAt) VALUES (?, ?)');
  const insertNote = db.prepare(
    `INSERT INTO VocabularyNote (id, learnerId, term, dedupeKey, termWord, baseForm, lemma, translation, note, context, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, '', ?, ?, '', '', ?, ?)`,
  );
  const demoWords = [...new Set(DEMO_TEXT.match(/\p{Lu}\p{Ll}{5,}/gu) ?? [])].slice(0, 60);
  const now = new Date().toISOString();
  let notes = 0;
  const addLearner = (count: number, withDemoWords: boolean): string => {
    const id = randomBytes(16).toString('base64url');
    insertLearner.run(id, now);
    for (let i = 0; i < count; i++) {
      // Mostly single words, every tenth a two-word phrase, as learners save them.
      const term = withDemoWords && i < demoWords.length ? demoWords[i] : i % 10 === 0 ? `kunst wort${i}` : `Kunstwort${i}`;
      insertNote.run(randomUUID(), id, term, `${term.toLowerCase()}\u0000en ${i}`, firstWord(term), lemmaKey(term), `en ${i}`, now, now);
      notes++;
    }
    return id;
  };
  let heavyId = '';
  // The heavy learner also knows 20,000 words: every other word of the demo article, and made-up ones.
  const insertKnown = db.prepare('INSERT OR IGNORE INTO WordStatus (learnerId, lemma, createdAt) VALUES (?, ?, ?)');
  const demoLemmas = [...countLemmas([DEMO_TEXT.split(/\n\s*\n/)]).keys()].filter((_, i) => i % 2 === 0);
  db.transaction(() => {
    for (let l = 0; l < learners; l++) addLearner(perLearner, false);
    heavyId = addLearner(heavy, true);
    for (const lemma of demoLemmas) insertKnown.run(heavyId, lemma, now);
    for (let i = demoLemmas.length; i < heavyKnown; i++) insertKnown.run(heavyId, `kunstlemma${i}`, now);
    db.prepare('INSERT OR IGNORE INTO AppSecret (name, value, createdAt) VALUES (?, ?, ?)').run(NOTE_PASS_DONE, now, now);
  })();
  db.close();
  return { notes, heavyCookie: `nb-learner=${learnerCookieValue(heavyId, secret)}` };
}
