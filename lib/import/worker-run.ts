// Runs one of the import's worker files (lib/import/*-worker.cjs) on its own thread for one answer:
// at most `max` at once per kind, terminated past its time limit, its heap bounded. The page reader
// (web-page.ts) and the book reader (epub.ts) both go through it.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';

const running = new Map<string, number>();

export interface WorkerRun {
  /** The worker file under lib/import/. */
  file: string;
  workerData: unknown;
  /** At most this many of this file at once; more are refused with `busy`. */
  max: number;
  busy: string;
  timeMs: number;
  /** The refusal when it takes longer than timeMs (the worker is terminated). */
  tooLong: () => AppError;
  /** What it reads ("page", "book"), for a worker that ends without an answer. */
  what: string;
}

export async function runWorkerOrThrow<T>(run: WorkerRun): Promise<T> {
  const now = running.get(run.file) ?? 0;
  if (now >= run.max) throw new AppError('unavailable', run.busy);
  running.set(run.file, now + 1);
  try {
    return await new Promise<T>((resolve, reject) => {
      // Outside the bundle: Node loads the worker file from the app's directory as it is.
      const worker = new Worker(path.join(/* turbopackIgnore: true */ process.cwd(), 'lib', 'import', run.file), {
        workerData: run.workerData,
        resourceLimits: { maxOldGenerationSizeMb: 512 },
      });
      let answered = false;
      const timer = setTimeout(() => {
        answered = true;
        void worker.terminate();
        reject(run.tooLong());
      }, run.timeMs);
      worker.once('message', (message: T) => {
        answered = true;
        clearTimeout(timer);
        resolve(message);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        if (!answered) reject(error);
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        if (!answered) reject(new Error(`The ${run.what} reader stopped (exit code ${code}) without an answer.`));
      });
    });
  } finally {
    running.set(run.file, (running.get(run.file) ?? 1) - 1);
  }
}
