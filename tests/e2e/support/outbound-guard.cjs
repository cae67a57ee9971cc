// Preloaded into a test server (NODE_OPTIONS=--require): refuses every outgoing connection to an address
// that is not loopback, before any DNS look-up or connect, and writes each refusal as a JSON line to
// NB_OUTBOUND_LOG (also on stderr), so a test can assert that the app downloads nothing at run time.
// It only refuses: it never connects anywhere itself. fetch, http(s).request, tls.connect and
// net.connect all end in net.Socket.prototype.connect; fetch is also checked first for a clearer error.
'use strict';

const fs = require('node:fs');
const net = require('node:net');

const log = process.env.NB_OUTBOUND_LOG;

function record(entry) {
  const line = JSON.stringify({ pid: process.pid, ...entry });
  if (log) fs.appendFileSync(log, `${line}\n`);
  process.stderr.write(`outbound-guard: refused ${line}\n`);
}

function isLoopback(host) {
  if (host === undefined || host === null || host === '') return true; // net defaults to localhost
  const h = String(host).replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

if (log) fs.appendFileSync(log, `${JSON.stringify({ pid: process.pid, loaded: process.argv.slice(1, 3).join(' ') })}\n`);

const originalFetch = globalThis.fetch;
if (typeof originalFetch === 'function') {
  globalThis.fetch = function guardedFetch(input, init) {
    let url;
    try {
      url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    } catch {
      return originalFetch.call(this, input, init);
    }
    if (/^(https?|wss?):$/.test(url.protocol) && !isLoopback(url.hostname)) {
      record({ via: 'fetch', target: url.origin });
      return Promise.reject(new TypeError(`fetch failed: the test guard refuses connections to ${url.origin}`));
    }
    return originalFetch.call(this, input, init);
  };
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = first !== null && typeof first === 'object' ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  const isPipe = typeof first === 'string' && Number.isNaN(Number(first));
  if (!isPipe && !options.path && !isLoopback(options.host)) {
    record({ via: 'net', target: `${options.host}:${options.port}` });
    process.nextTick(() => this.destroy(new Error(`connect refused by the test guard: ${options.host}:${options.port}`)));
    return this;
  }
  return originalConnect.apply(this, args);
};
