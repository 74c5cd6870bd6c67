// bench.js: the PouchDB peer's kiosk side. PouchDB 9 in memory replicates the same attendance
// records the Raida kiosk made (bench_make_changes --export) to the express-pouchdb server, with
// PouchDB's defaults (batch_size 100, batches_limit 10). Recipe: sync-protocol.md §4.3.
//
//   node bench.js --url URL --server URL --counter URL --records FILE --updates M --profile NAME
//     --url       the server as the client reaches it (through wire_counter.js and, for 3G,
//                 raida-fault-proxy)
//     --server    the server directly, for its request counts (/_bench/stats, /_bench/reset)
//     --counter   wire_counter.js's control address, for the bytes on the wire
//     --mode      sync (both directions, like `raida-sync once`; default) or push
// Scenarios, each measured alone: the first sync of an empty kiosk (setup), N new records,
// a no-op sync twice (in sync mode the first still walks the server's changes feed over the
// records just pushed), then M of the records changed ("mark": "excused"). Prints one JSON line per
// scenario: {"system","profile","scenario","changes","ms","requests","by_endpoint","up","down",
// "conns","max_concurrent"}.
'use strict';
const fs = require('node:fs');
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));

function args() {
  const a = { mode: 'sync', updates: 1000, profile: 'loopback' };
  for (let i = 2; i < process.argv.length; i += 2) {
    a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  }
  for (const k of ['url', 'server', 'counter', 'records']) {
    if (!a[k]) {
      console.error(`bench.js: --${k} is required`);
      process.exit(2);
    }
  }
  a.updates = Number(a.updates);
  return a;
}

async function call(method, url) {
  const res = await fetch(url, { method });
  if (!res.ok) {
    throw new Error(`${method} ${url}: HTTP ${res.status}`);
  }
  return res.json();
}

// The records as CouchDB documents: the same fields and values as the Raida attendance rows.
function loadDocs(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l).map((l) => {
    const r = JSON.parse(l);
    return { _id: r.id, type: 'attendance', session_id: r.session_id, person_id: r.person_id,
      mark: r.mark, marked_by: r.marked_by, deleted: 0 };
  });
}

async function measure(a, scenario, changes, fn) {
  await call('POST', `${a.server}/_bench/reset`);
  await call('POST', `${a.counter}/reset`);
  const t0 = process.hrtime.bigint();
  const res = await fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const byEndpoint = await call('GET', `${a.server}/_bench/stats`);
  const wire = await call('GET', `${a.counter}/stats`);
  const requests = Object.values(byEndpoint).reduce((x, y) => x + y, 0);
  const written = res && (res.docs_written ?? (res.push && res.push.docs_written));
  console.log(JSON.stringify({ system: `pouchdb-${a.mode}`, profile: a.profile, scenario, changes,
    ms: Math.round(ms), requests, by_endpoint: byEndpoint, up: wire.up, down: wire.down,
    conns: wire.conns, max_concurrent: wire.max_concurrent, docs_written: written }));
}

async function main() {
  const a = args();
  const docs = loadDocs(a.records);
  const remote = new PouchDB(`${a.url}/kiosk_bench`);
  const kiosk = new PouchDB('kiosk', { adapter: 'memory' });
  await remote.info();  // creates the server database, like provisioning on the Raida side
  const opts = { batch_size: 100, batches_limit: 10 };
  const once = () => (a.mode === 'push' ? kiosk.replicate.to(remote, opts)
    : kiosk.sync(remote, opts));
  await measure(a, 'first sync (setup)', 0, once);
  for (let i = 0; i < docs.length; i += 1000) {
    await kiosk.bulkDocs(docs.slice(i, i + 1000));
  }
  await measure(a, `${docs.length} new records`, docs.length, once);
  await measure(a, 'no-op sync', 0, once);
  await measure(a, 'no-op sync (again)', 0, once);
  const ids = docs.slice(0, a.updates).map((d) => d._id);
  const current = await kiosk.allDocs({ keys: ids, include_docs: true });
  await kiosk.bulkDocs(current.rows.map((r) => ({ ...r.doc, mark: 'excused' })));
  await measure(a, `${a.updates} updates`, a.updates, once);
}

main().then(() => process.exit(0), (e) => {
  console.error(`bench.js: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
