// Preloaded into a test server (NODE_OPTIONS=--require): holds a finished render of an article whose slug
// starts with `hold-` just before Next hands it to the page cache (lib/cache/page-cache-handler.cjs), until
// the test says go. It asks the test's control server (NB_TEST_HOLD_URL, on 127.0.0.1) GET /held/<slug>
// and lets the render be stored when that answers. Next loads the handler through the same module cache,
// so patching its prototype here reaches the instance Next uses. A test server only: nothing in the app loads it.
'use strict';

const path = require('node:path');

const controlUrl = process.env.NB_TEST_HOLD_URL;
if (controlUrl) {
  const Handler = require(path.join(process.cwd(), 'lib', 'cache', 'page-cache-handler.cjs'));
  const set = Handler.prototype.set;
  Handler.prototype.set = async function setAfterHold(key, value, ctx) {
    const name = /\/a\/(hold-[a-z0-9-]{1,40})$/.exec(key)?.[1];
    if (name) await (await fetch(`${controlUrl}/held/${name}`)).arrayBuffer();
    return set.call(this, key, value, ctx);
  };
}
