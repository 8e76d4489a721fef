// Bare Express answering the bench route; prints `PORT <n>` once listening.
import type { AddressInfo } from 'node:net';
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.get('/orders/:id', (req, res) => {
  res.json({ id: req.params.id, state: 'shipped', eta: 'tomorrow' });
});
// The machine's floor for the latency-accuracy run: a plain timer, nothing else.
app.get('/slow/:id', (req, res) => {
  setTimeout(() => res.json({ id: req.params.id }), 100);
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
