import { startApp } from '../e2e/support/app-server';
import { worstRequests, timed } from './attack';
async function main() {
const password = 'bench-editor-password';
const app = await startApp({ env: { ADMIN_PASSWORD: password, NODE_OPTIONS: '--require /tmp/prof-preload.cjs' } });
const demoSlug = 'putin-und-kim-treffen-sich-am-weltraumbahnhof';
const saved = await fetch(`${app.baseUrl}/api/vocabulary`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ term: 'Weltraumbahnhof', translation: 'spaceport' }) });
const learnerCookie = (saved.headers.get('set-cookie') ?? '').split(';')[0];
const requests = worstRequests({ editor: { authorization: `Bearer ${password}` }, learnerCookie, demoSlug, demoSentence: 'Putin und Kim kamen im Weltraumbahnhof Wostotschny im Osten Russlands zu Gesprächen zusammen.' });
await fetch(`${app.baseUrl}/a/${demoSlug}`, { headers: { accept: 'text/html' } });
for (let round = 0; round < 3; round++) { if (round === 1) require('node:fs').writeFileSync('/tmp/prof/round2', String(process.hrtime.bigint() / 1000n)); for (const r of requests) { const t = await timed(app.baseUrl, r); if (round >= 1 && t.ms > 30) console.log(Math.round(t.ms), t.status, t.name); } }
await new Promise((r) => setTimeout(r, 3000));
await app.stop();
}
main();
