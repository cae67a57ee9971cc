// The vocabulary import's write, on a worker thread (lib/vocabulary/notes-bulk.ts starts it): one
// SQLite transaction over every row of the file, all of them or none, on a connection of its own.
// 20,000 notes keep SQLite busy for ~100 ms; here that time is the worker's, and the server's event
// loop goes on serving readers meanwhile. Plain CommonJS: Node loads it as it is, unbundled.
'use strict';

const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const { COLUMNS, QUOTED_COLUMNS, ON_CONFLICT_MERGE } = require('./import-merge.cjs');

const UPSERT = `INSERT INTO "VocabularyNote" (${QUOTED_COLUMNS}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ${ON_CONFLICT_MERGE}`;

/**
 * TEST_HOLD_VOCABULARY_IMPORT: says so on stdout (synchronously: a pipe on Linux) and stops here, inside
 * the transaction, until the process is killed, so a test kills the server provably mid-import.
 */
function holdForTests(written) {
  fs.writeSync(1, `vocabulary import: holding the write transaction open after ${written} notes (TEST_HOLD_VOCABULARY_IMPORT)\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

/** { file, learnerId, now, rowsJson, maxNotes, hold } → { added } or { tooMany: notesAfter }. */
function write({ file, learnerId, now, rowsJson, maxNotes, hold, busyTimeoutMs }) {
  const rows = JSON.parse(rowsJson);
  // The busy timeout waits on this thread only: another connection's write ends meanwhile.
  const sqlite = new Database(file, { timeout: busyTimeoutMs, fileMustExist: true });
  try {
    sqlite.pragma('foreign_keys = ON');
    const count = sqlite.prepare('SELECT COUNT(*) FROM VocabularyNote WHERE learnerId = ?').pluck();
    const upsert = sqlite.prepare(UPSERT);
    return sqlite.transaction(() => {
      sqlite.prepare('INSERT OR IGNORE INTO Learner (id, createdAt) VALUES (?, ?)').run(learnerId, now);
      const before = count.get(learnerId);
      for (let i = 0; i < rows.length; i++) {
        if (hold && i === rows.length >> 1) holdForTests(i);
        upsert.run(rows[i]);
      }
      const after = count.get(learnerId);
      if (after > maxNotes && after > before) {
        // Thrown to roll the transaction back; answered as a refusal below.
        throw Object.assign(new Error('too many notes'), { tooMany: after });
      }
      return { added: after - before };
    }).immediate();
  } finally {
    sqlite.close();
  }
}

try {
  parentPort.postMessage({ ok: write(workerData) });
} catch (error) {
  parentPort.postMessage(
    error && error.tooMany !== undefined
      ? { tooMany: error.tooMany }
      : { error: { message: String(error && error.message), code: error && error.code } },
  );
}
