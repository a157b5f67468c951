// Closed-loop load: C connections, each sending its next request when the previous answer has ended.
// node load.mjs URL SECONDS CONCURRENCY [header:value ...]   (POSTs a small non-streamed chat completion)
// Prints one JSON line: requests answered 2xx per second of the run, total req/s, p50/p99 ms, errors.
import http from 'node:http';

const [url, seconds = '10', concurrency = '16', ...headerArgs] = process.argv.slice(2);
const target = new URL(url);
const headers = { 'content-type': 'application/json' };
for (const h of headerArgs) { const i = h.indexOf(':'); headers[h.slice(0, i).toLowerCase()] = h.slice(i + 1).trim(); }
const body = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: 'hi' }] });
headers['content-length'] = Buffer.byteLength(body);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const began = process.hrtime.bigint();
const end = began + BigInt(Number(seconds) * 1e9);
const perSecond = Array(Math.ceil(Number(seconds))).fill(0);
const latencies = [];
let errors = 0;

function one() {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => {
        const t1 = process.hrtime.bigint();
        if (res.statusCode >= 200 && res.statusCode < 300) {
          latencies.push(Number(t1 - t0) / 1e6);
          const s = Number((t1 - began) / 1_000_000_000n);
          if (s < perSecond.length) perSecond[s] += 1;
        } else errors += 1;
        resolve();
      });
    });
    req.on('error', () => { errors += 1; setTimeout(resolve, 10); });
    req.end(body);
  });
}

async function loop() { while (process.hrtime.bigint() < end) await one(); }
await Promise.all(Array.from({ length: Number(concurrency) }, loop));
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : null);
console.log(JSON.stringify({ per_second: perSecond, rps: Math.round(latencies.length / Number(seconds)),
  p50: pct(0.5)?.toFixed(2), p99: pct(0.99)?.toFixed(2), errors }));
agent.destroy();
