// The order test files start in: longest first across all projects (vitest's own order runs the
// projects one after another, so the short unit and integration files came last and, with the long
// ones before them, left a tail of ~35 s on two cores). Durations are vitest's from the last run;
// a file it has not timed yet counts by its size, browser files as the slowest per byte.
import path from 'node:path';
import fs from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds per KB of test file, roughly, when no run has timed it (this machine, 2 cores). */
const SECONDS_PER_KB: Record<string, number> = { e2e: 2, integration: 0.5, unit: 0.1 };

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const estimate = (file: TestSpecification): number => {
      const timed = this.ctx.cache.getFileTestResults(`${file.project.name}:${path.relative(root, file.moduleId)}`);
      if (timed && !timed.failed) return timed.duration / 1000;
      const kb = fs.statSync(file.moduleId).size / 1024;
      // A file that failed or was never timed goes first among its peers, as vitest does it.
      return kb * (SECONDS_PER_KB[file.project.name] ?? 1) + (timed?.failed ? 1e6 : 0);
    };
    const seconds = new Map(files.map((f) => [f, estimate(f)]));
    return [...files].sort((a, b) => seconds.get(b)! - seconds.get(a)!);
  }
}
