// Bare node:http answering the bench route (the machine's ceiling); prints `PORT <n>` once listening.
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const ORDER = /^\/orders\/([^/?]+)$/;
const SLOW = /^\/slow\/([^/?]+)$/;

function json(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  const order = req.method === 'GET' ? ORDER.exec(url) : null;
  if (order?.[1] !== undefined) {
    json(res, { id: decodeURIComponent(order[1]), state: 'shipped', eta: 'tomorrow' });
    return;
  }
  // The floor for the latency-accuracy run: a plain timer, nothing else.
  const slow = req.method === 'GET' ? SLOW.exec(url) : null;
  if (slow?.[1] !== undefined) {
    const id = decodeURIComponent(slow[1]);
    setTimeout(() => json(res, { id }), 100);
    return;
  }
  res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
