// The start-up baseline: a bare restify server, started the same way as the bot (plain node).
'use strict';
const restify = require('restify');

const server = restify.createServer();
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'ok' });
});
server.listen(Number(process.env.PORT || 0), process.env.HOST || undefined, () => {
  process.stdout.write(`{"event":"listening","port":${server.address().port}}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
