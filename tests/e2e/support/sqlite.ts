// Owns looking at a running server's SQLite file from the test, without changing it.
import Database from 'better-sqlite3';

/** True while another connection holds SQLite's write lock: a BEGIN IMMEDIATE of ours fails at once. */
export function writeLockHeld(file: string): boolean {
  const probe = new Database(file, { timeout: 0 });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    return true;
  } finally {
    probe.close();
  }
}
