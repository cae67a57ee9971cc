// Preloaded into a test server (NODE_OPTIONS=--require): holds the page cache's own render of a page
// that was asked for with `x-nb-test-hold: <name>` until the test says go. The proxy renders through
// fetch over loopback; once that render is complete, this asks the test's control server
// (NB_TEST_HOLD_URL, on 127.0.0.1) GET /held/<name>, and hands the render back when that answers.
// A test server only: nothing in the app loads it.
'use strict';

const controlUrl = process.env.NB_TEST_HOLD_URL;
const originalFetch = globalThis.fetch;

function holdName(input, init) {
  const headers = new Headers(init && init.headers ? init.headers : input instanceof Request ? input.headers : undefined);
  const name = headers.get('x-nb-test-hold');
  return name && /^[a-z0-9-]{1,40}$/.test(name) ? name : null;
}

if (controlUrl && typeof originalFetch === 'function') {
  globalThis.fetch = async function fetchWithHold(input, init) {
    const name = holdName(input, init);
    const response = await originalFetch(input, init);
    if (!name) return response;
    const body = await response.arrayBuffer();
    const go = await originalFetch(`${controlUrl}/held/${name}`);
    await go.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
