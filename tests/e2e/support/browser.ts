// Owns finding Chromium for the browser tests, and the one browser every test file shares: the global
// setup launches it (chromium.launchServer) and each file connects; each test opens a fresh context.
import fs from 'node:fs';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { e2eContext } from './app-server';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to use: $CHROMIUM_PATH, then a system install, then Playwright's own download. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
    return fromEnv;
  }
  const system = SYSTEM_CHROMIUMS.find((p) => fs.existsSync(p));
  if (system) return system;
  const downloaded = chromium.executablePath();
  if (downloaded && fs.existsSync(downloaded)) return downloaded;
  throw new Error(
    'No Chromium found for the browser tests. Install one: `sudo apt-get install chromium` (Debian/Ubuntu) or ' +
      '`npx playwright install chromium`, or set CHROMIUM_PATH to a Chrome/Chromium binary.',
  );
}

/**
 * The suite's Chromium, connected for this file (close() disconnects; the contexts this file opened
 * close with it). Throws the global setup's reason when there is no Chromium.
 */
export function launchBrowser(): Promise<Browser> {
  const shared = e2eContext()?.browser;
  if (!shared) throw new Error('No shared Chromium: browser tests run under vitest, whose e2e global setup launches it.');
  if ('error' in shared) throw new Error(shared.error);
  return chromium.connect(shared.wsEndpoint);
}

/** The box of the first `word` in the element's text (marks included), in viewport coordinates, from a DOM Range. */
export function wordBoxIn(element: Locator, word: string): Promise<{ top: number; bottom: number; left: number; right: number }> {
  return element.evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(w);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      const { top, bottom, left, right } = range.getBoundingClientRect();
      return { top, bottom, left, right };
    }
    throw new Error(`"${w}" is not in ${el.outerHTML.slice(0, 200)}`);
  }, word);
}
