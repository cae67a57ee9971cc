// A learner's browser for the "under attack" benchmark, in a process of its own so that the attacker's
// work in the benchmark's process never delays (and so never inflates) the reader's timings.
// Usage: node tests/bench/reader-client.mjs <url> <seconds>; prints the request times (ms) as JSON.
const [url, seconds] = process.argv.slice(2);
const times = [];
const end = performance.now() + Number(seconds) * 1000;
while (performance.now() < end) {
  const t = performance.now();
  const res = await fetch(url, { headers: { accept: 'text/html', 'sec-fetch-dest': 'document' } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  times.push(performance.now() - t);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.stdout.write(JSON.stringify(times));
