// server.js: the PouchDB peer's server, express-pouchdb 4.2.0 on PouchDB 7 in memory (memdown),
// in the "minimumForPouchDB" mode with gzip'd responses (its compression part), on 127.0.0.1.
// Recipe: ../shared/reference/sync-protocol.md §4.2.
//
//   node server.js [PORT]      (PORT 0 or absent: an ephemeral port)
// prints "listening on http://127.0.0.1:PORT". It counts the requests it serves by method and
// normalised path: GET /_bench/stats answers the counts, POST /_bench/reset clears them (both
// are served before express-pouchdb and are not counted). Stops on SIGTERM or SIGINT.
'use strict';
const express = require('express');
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))  // the only local adapter, so the default
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'))
  .plugin(require('pouchdb-mapreduce'));

const counts = {};
const app = express();
app.get('/_bench/stats', (req, res) => res.json(counts));
app.post('/_bench/reset', (req, res) => {
  for (const k of Object.keys(counts)) {
    delete counts[k];
  }
  res.json({ ok: true });
});
app.use((req, res, next) => {
  const p = req.path.replace(/^\/[^/_][^/]*/, '/{db}').replace(/_local\/.*/, '_local/{id}');
  const k = `${req.method} ${p}`;
  counts[k] = (counts[k] || 0) + 1;
  next();
});
app.use(require('express-pouchdb')(PouchDB, {
  mode: 'minimumForPouchDB',
  inMemoryConfig: true,
}));

const server = app.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
