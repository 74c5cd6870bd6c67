// table.js: prints run.sh's results.jsonl as a table (scenario x system), then Raida's figures
// against the targets of issue 3 / sync-protocol.md §3.
//
//   node table.js results.jsonl [--rtt-ms 300] [--rate-bps 48000]
// Setup rows (first sync, people) are listed but not held against the targets.
'use strict';
const fs = require('node:fs');

const file = process.argv[2];
const opt = {};
for (let i = 3; i < process.argv.length; i += 2) {
  opt[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
const rows = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));

const kb = (b) => (b >= 100000 ? `${(b / 1024).toFixed(0)} KiB` : `${b} B`);
const pad = (s, n, right) => (right ? String(s).padStart(n) : String(s).padEnd(n));
const cols = [
  ['profile', 9], ['scenario', 29], ['system', 13], ['wall s', 8, true], ['requests', 8, true],
  ['bytes up', 10, true], ['bytes down', 10, true], ['B/change', 8, true], ['conns', 6, true],
];
const line = (vals) => vals.map((v, i) => pad(v, cols[i][1], cols[i][2])).join('  ');

const profileName = (p) => (p === '3g'
  ? `3g (${opt['rtt-ms'] || 300} ms RTT, ${((opt['rate-bps'] || 48000) * 8) / 1000} kbit/s)` : p);
console.log('');
console.log('Profiles: ' + [...new Set(rows.map((r) => r.profile))].map(profileName).join('; '));
console.log(line(cols.map((c) => c[0])));
console.log(line(cols.map((c) => '-'.repeat(c[1]))));
const order = [...new Set(rows.map((r) => r.scenario))];
for (const profile of [...new Set(rows.map((r) => r.profile))]) {
  for (const scenario of order) {
    for (const r of rows.filter((x) => x.profile === profile && x.scenario === scenario)) {
      const perChange = r.changes > 0 ? ((r.up + r.down) / r.changes).toFixed(1) : '-';
      console.log(line([profile, scenario, r.system, (r.ms / 1000).toFixed(2), r.requests,
        kb(r.up), kb(r.down), perChange, r.conns]));
    }
  }
}

console.log('\nRaida against the targets:');
const verdict = (ok) => (ok ? 'met' : 'MISSED');
for (const r of rows.filter((x) => x.system === 'raida' && !/setup/.test(x.scenario))) {
  const checks = [];
  if (r.changes === 0) {
    checks.push(`requests ${r.requests} (target 1): ${verdict(r.requests === 1)}`);
  } else if (r.changes >= 10000) {
    const per = (r.up + r.down) / r.changes;
    checks.push(`requests ${r.requests} (target <= 12): ${verdict(r.requests <= 12)}`);
    checks.push(`${per.toFixed(1)} B/change (target <= 40): ${verdict(per <= 40)}`);
    if (r.profile === '3g') {
      checks.push(`${(r.ms / 1000).toFixed(1)} s (target < 15 s): ${verdict(r.ms < 15000)}`);
    }
  } else {
    continue;
  }
  console.log(`  ${r.profile} / ${r.scenario}: ${checks.join('; ')}`);
}
