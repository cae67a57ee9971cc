// Runs axe-core inside a Playwright page and lists its serious and critical violations, one readable line each.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, UnlabelledFrameSelector } from 'axe-core';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const REPORTED_IMPACTS: ImpactValue[] = ['serious', 'critical'];
const TARGETS_SHOWN = 3;

interface Violation {
  id: string;
  impact: ImpactValue | undefined;
  help: string;
  targets: UnlabelledFrameSelector[];
  /** axe's explanation for the first failing element ("Fix any of the following: …"). */
  firstSummary: string;
}

type AxeWindow = Window & { axe?: { run(context: Document): Promise<AxeResults> } };

function selector(target: UnlabelledFrameSelector): string {
  return target.map((part) => (Array.isArray(part) ? part.flat().join(' >>> ') : part)).join(' | ');
}

function describeViolation(v: Violation): string {
  const shown = v.targets.slice(0, TARGETS_SHOWN).map(selector).join(', ');
  const more = v.targets.length > TARGETS_SHOWN ? ` and ${v.targets.length - TARGETS_SHOWN} more` : '';
  const why = v.firstSummary.replace(/\s+/g, ' ').trim();
  return `${v.id} (${v.impact}): ${v.help} — ${v.targets.length} element(s): ${shown}${more}${why ? ` — ${why}` : ''}`;
}

/** Every serious or critical axe violation on the page as it is now, e.g. "color-contrast (serious): … — 2 element(s): .a, .b — …". */
export async function seriousViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as AxeWindow).axe !== 'undefined');
  // Evaluated through the DevTools protocol: a page's script policy (no inline scripts but its own) does not apply to it.
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (): Promise<Violation[]> => {
    const axe = (window as AxeWindow).axe;
    if (!axe) throw new Error('axe-core did not load into the page');
    const results = await axe.run(document);
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target),
      firstSummary: v.nodes[0]?.failureSummary ?? '',
    }));
  });
  return violations.filter((v) => REPORTED_IMPACTS.includes(v.impact ?? null)).map(describeViolation);
}
