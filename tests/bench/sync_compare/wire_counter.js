// wire_counter.js: a byte-counting TCP forwarder on 127.0.0.1, so both systems' bytes on the
// wire (HTTP headers and bodies, compressed or not, as TCP payload) are counted at the same
// place. It adds no delay; the 3G profile is raida-fault-proxy behind it.
//
//   node wire_counter.js TARGET_PORT
// prints "counter on 127.0.0.1:PORT control 127.0.0.1:CPORT" once both are bound. The control
// port answers GET /stats ({"up","down","conns","max_concurrent"}) and POST /reset. It stops on
// SIGTERM or SIGINT. Only node's core modules are used.
'use strict';
const net = require('node:net');
const http = require('node:http');

const target = Number(process.argv[2]);
if (!Number.isInteger(target) || target <= 0 || target > 65535) {
  console.error('usage: node wire_counter.js TARGET_PORT');
  process.exit(2);
}

const stats = { up: 0, down: 0, conns: 0, max_concurrent: 0 };
let open = 0;

const proxy = net.createServer((client) => {
  stats.conns++;
  open++;
  stats.max_concurrent = Math.max(stats.max_concurrent, open);
  const server = net.connect(target, '127.0.0.1');
  client.on('data', (d) => { stats.up += d.length; });
  server.on('data', (d) => { stats.down += d.length; });
  client.pipe(server);
  server.pipe(client);
  let closed = false;
  const end = () => {
    if (!closed) {
      closed = true;
      open--;
    }
    client.destroy();
    server.destroy();
  };
  client.on('error', end);
  server.on('error', end);
  client.on('close', end);
  server.on('close', end);
});

const control = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/reset') {
    stats.up = stats.down = stats.conns = 0;
    stats.max_concurrent = open;
    res.end('{"ok":true}');
  } else if (req.method === 'GET' && req.url === '/stats') {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(stats));
  } else {
    res.statusCode = 404;
    res.end();
  }
});

proxy.listen(0, '127.0.0.1', () => {
  control.listen(0, '127.0.0.1', () => {
    console.log(`counter on 127.0.0.1:${proxy.address().port} control 127.0.0.1:${control.address().port}`);
  });
});

const stop = () => {
  proxy.close();
  control.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
