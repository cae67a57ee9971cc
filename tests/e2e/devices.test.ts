// "Use on another device" in the browser, on the shared default server: a learner's first browser saves a
// note and makes a code; a phone opens the QR code's link and a second computer types the code, and both
// see the note; the first browser revokes the phone, which is a new learner (no notes) at its next load.
// The code appears in no URL the server sees and nowhere in its log. NB_SCREENSHOT_DIR keeps the screens.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedApp, uniqueWord, type RunningApp } from './support/app-server';
import { seriousViolations } from './support/axe';
import { DESKTOP, PHONE, useBrowserPages } from './support/browser-pages';

const WAIT = { timeout: 15_000 };
const CODE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

let app: RunningApp;
const pages = useBrowserPages();

beforeAll(() => {
  app = sharedApp('default');
});

/** With NB_SCREENSHOT_DIR, the page as it is, at both widths (the viewport is put back). */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.NB_SCREENSHOT_DIR;
  const size = page.viewportSize();
  if (!dir || !size) return;
  for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

/** Makes a code on /devices as the learner clicks for it; the API's answer (its link holds the code in the #fragment). */
async function makeCode(page: Page): Promise<{ code: string; url: string }> {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/devices/code'));
  await page.getByRole('button', { name: /^Make (a|a new) code$/ }).click();
  const body = (await (await answer).json()) as { code: string; url: string };
  await expect.poll(() => page.locator('.device-code-text').textContent(), WAIT).toBe(body.code);
  return body;
}

async function noteTerms(page: Page): Promise<string[]> {
  await page.goto(`${app.baseUrl}/vocabulary`);
  return page.locator('.vocab-item').allTextContents();
}

/** The learner's review queue as this browser gets it: the due count and the cards' ids. */
async function queueOf(page: Page): Promise<{ due: number; cards: string[] }> {
  const queue = (await (await page.request.get(`${app.baseUrl}/api/review?limit=20`)).json()) as { due: number; cards: Array<{ id: string }> };
  return { due: queue.due, cards: queue.cards.map((c) => c.id) };
}

describe('your notes on another device', () => {
  it('a code signs a phone (QR link) and a second computer (typed) in as the learner; a revoked phone is a new learner', async () => {
    const term = uniqueWord('Gerät');
    const laptop = await pages.newPage();
    const saved = await laptop.request.post(`${app.baseUrl}/api/vocabulary`, { data: { term, translation: 'device' } });
    expect(saved.status()).toBe(201);

    await laptop.goto(`${app.baseUrl}/devices`);
    const first = await makeCode(laptop);
    expect(first.code).toMatch(CODE);
    expect(first.url).toBe(`${app.baseUrl}/devices/link#${first.code}`);
    await expect.poll(() => laptop.locator('.device-qr').evaluate((img: HTMLImageElement) => img.naturalWidth), WAIT).toBeGreaterThan(0);
    // The laptop became a device itself: listed as this browser.
    await expect.poll(() => laptop.locator('.device-item').allTextContents(), WAIT).toEqual([expect.stringContaining('This browser')]);
    expect(await seriousViolations(laptop)).toEqual([]);
    await shot(laptop, 'devices-code');

    // The phone opens the QR code's link: the code fills the field and leaves the address bar.
    const phone = await pages.newPage({ viewport: PHONE, isMobile: true, hasTouch: true, userAgent: IPHONE });
    const sentUrls: string[] = [];
    phone.on('request', (r) => {
      const url = new URL(r.url());
      sentUrls.push(url.origin + url.pathname + url.search); // what a server or proxy sees (never the #fragment)
    });
    await phone.goto(first.url);
    await expect.poll(() => phone.locator('#device-code').inputValue(), WAIT).toBe(first.code);
    expect(phone.url()).toBe(`${app.baseUrl}/devices/link`);
    expect(await seriousViolations(phone)).toEqual([]);
    await shot(phone, 'devices-link');
    await phone.getByRole('button', { name: 'Use my notes here' }).click();
    await expect.poll(() => phone.getByRole('status').filter({ hasText: 'Done' }).count(), WAIT).toBe(1);
    expect(await noteTerms(phone)).toEqual([expect.stringContaining(term)]);
    // The same review queue too: the note's cards, due on both.
    const laptopQueue = await queueOf(laptop);
    expect(laptopQueue.due).toBeGreaterThan(0);
    expect(await queueOf(phone)).toEqual(laptopQueue);
    expect(sentUrls).toContain(`${app.baseUrl}/api/devices/redeem`);
    expect(sentUrls.filter((u) => u.toUpperCase().includes(first.code.slice(0, 5)))).toEqual([]);

    // A second computer types the next code, as a person might: lower case, a space instead of the dash.
    await laptop.bringToFront();
    const second = await makeCode(laptop);
    const desktop = await pages.newPage({ viewport: DESKTOP });
    await desktop.goto(`${app.baseUrl}/devices/link`);
    await desktop.locator('#device-code').fill(second.code.toLowerCase().replace('-', ' '));
    await desktop.locator('#device-code').press('Enter');
    await expect.poll(() => desktop.getByRole('status').filter({ hasText: 'Done' }).count(), WAIT).toBe(1);
    await shot(desktop, 'devices-link-done');
    expect(await noteTerms(desktop)).toEqual([expect.stringContaining(term)]);

    // The laptop sees three devices, each named by its browser, and revokes the phone.
    await laptop.reload();
    const items = laptop.locator('.device-item strong');
    await expect.poll(() => items.allTextContents(), WAIT).toEqual(['Chrome on Linux', 'Safari on iPhone', 'Chrome on Linux']);
    await shot(laptop, 'devices-list');
    await laptop.getByRole('button', { name: /^Revoke: Safari on iPhone, added / }).click();
    await expect.poll(() => items.allTextContents(), WAIT).toEqual(['Chrome on Linux', 'Chrome on Linux']);

    // The phone, reloading, is a new learner: no notes; the others keep theirs.
    expect(await noteTerms(phone)).toEqual([]);
    expect((await queueOf(phone)).due).toBe(0);
    expect(await noteTerms(desktop)).toEqual([expect.stringContaining(term)]);
    expect(await noteTerms(laptop)).toEqual([expect.stringContaining(term)]);
    await shot(laptop, 'vocabulary');
    await phone.goto(`${app.baseUrl}/devices`);
    await expect.poll(() => phone.locator('.device-list .empty').count(), WAIT).toBe(1);
    await shot(phone, 'devices-revoked');

    // Used once: the same link again is refused, and says why. Last: the wrong try makes this client (all of
    // the test's browsers are 127.0.0.1) wait a moment before its next try.
    const stranger = await pages.newPage({ viewport: PHONE });
    await stranger.goto(first.url);
    await expect.poll(() => stranger.locator('#device-code').inputValue(), WAIT).toBe(first.code);
    await stranger.getByRole('button', { name: 'Use my notes here' }).click();
    await expect.poll(() => stranger.locator('#device-code-error').textContent(), WAIT).toMatch(/^This code does not work: it may be mistyped, used already/);
    await shot(stranger, 'devices-link-refused');

    // No code in the server's output (its log, errors), in any spelling.
    const log = app.output();
    for (const { code } of [first, second]) {
      expect(log).not.toContain(code);
      expect(log).not.toContain(code.replace('-', ''));
    }
  });

  it('over HTTP: the first code upgrades a saver’s plain cookie to a device cookie, and the plain one stops working', async () => {
    const term = uniqueWord('Keks');
    const saved = await fetch(`${app.baseUrl}/api/vocabulary`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ term }) });
    const plain = saved.headers.getSetCookie()[0].split(';')[0];
    const made = await fetch(`${app.baseUrl}/api/devices/code`, { method: 'POST', headers: { cookie: plain } });
    expect(made.headers.get('cache-control')).toBe('no-store');
    const [device] = made.headers.getSetCookie();
    expect(device).toMatch(/^nb-learner=[\w-]{22}\.[\w-]{22}\.[\w-]{43}; Path=\/; .*Max-Age=34560000; HttpOnly; SameSite=lax$/i);
    const terms = async (cookie: string) => ((await (await fetch(`${app.baseUrl}/api/vocabulary`, { headers: { cookie } })).json()) as { notes: Array<{ term: string }> }).notes.map((n) => n.term);
    expect(await terms(device.split(';')[0])).toEqual([term]);
    expect(await terms(plain)).toEqual([]);
  });

  it('over HTTP: another site cannot make or redeem a code, nor set the cookie; a device that is not yours is 404', async () => {
    for (const route of ['/api/devices/code', '/api/devices/redeem']) {
      const res = await fetch(app.baseUrl + route, {
        method: 'POST',
        headers: { 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.2:8080', 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'ABCDE-FGHJK' }),
      });
      expect([res.status, res.headers.getSetCookie()]).toEqual([403, []]);
    }
    const made = await fetch(`${app.baseUrl}/api/devices/code`, { method: 'POST' });
    expect(made.status).toBe(200);
    const cookie = made.headers.getSetCookie()[0].split(';')[0];
    const { devices } = (await (await fetch(`${app.baseUrl}/api/devices`, { headers: { cookie } })).json()) as { devices: Array<{ id: string; current: boolean }> };
    expect(devices).toEqual([expect.objectContaining({ current: true })]);
    const other = (await fetch(`${app.baseUrl}/api/devices/code`, { method: 'POST' })).headers.getSetCookie()[0].split(';')[0];
    for (const headers of [{ cookie: other }, {}] as Array<Record<string, string>>) {
      const res = await fetch(`${app.baseUrl}/api/devices/${devices[0].id}`, { method: 'DELETE', headers });
      expect([res.status, ((await res.json()) as { error: string }).error]).toEqual([404, expect.stringMatching(/^No such device among yours/)]);
    }
    const mine = await fetch(`${app.baseUrl}/api/devices/${devices[0].id}`, { method: 'DELETE', headers: { cookie } });
    expect(mine.status).toBe(204);
    // Revoked: the cookie is worthless, the next request is a new learner with no devices.
    expect(await (await fetch(`${app.baseUrl}/api/devices`, { headers: { cookie } })).json()).toEqual({ devices: [] });
  });
});
