// An independent witness for the offline tests: loaded with `node --import`
// (or NODE_OPTIONS=--import=...) before any of Hearth's code, it records every
// attempt this process makes to open a connection or ask DNS, at the native
// bindings that net, tls, http, fetch, dgram and dns all end in. Hearth's own
// guard sits above these (net.Socket#connect and friends) and refuses before
// them, so an attempt recorded here is one that got past the guard. Written in
// plain JavaScript, sharing nothing with Hearth, so a bug in the guard cannot
// hide itself here.
//
// HEARTH_CONNECT_LOG=<file>: one JSON line per attempt is appended, plus a
// `loaded` line per process so a test can tell the witness was really there
// (NODE_OPTIONS reaches child processes such as the engine, and each says so).
import fs from 'node:fs';

const file = process.env.HEARTH_CONNECT_LOG;
if (file) {
  const write = (entry) => fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, at: Date.now(), ...entry })}\n`);
  const wrap = (owner, name, describe) => {
    const original = owner[name];
    if (typeof original !== 'function') throw new Error(`recordConnects: ${name} is not a function in this Node; the witness would be blind`);
    owner[name] = function (...args) {
      try {
        write(describe(args));
      } catch {
        // recording must never change what the process does
      }
      return original.apply(this, args);
    };
  };

  // TCP: TCPWrap#connect(req, address, port) / connect6(req, address, port).
  const { TCP } = process.binding('tcp_wrap');
  wrap(TCP.prototype, 'connect', (a) => ({ kind: 'tcp', host: a[1], port: a[2] }));
  wrap(TCP.prototype, 'connect6', (a) => ({ kind: 'tcp', host: a[1], port: a[2] }));
  // UDP: connect(address, port); send(req, list, count, port, address, hasCallback), or (req, list, count, hasCallback) when connected.
  const { UDP } = process.binding('udp_wrap');
  for (const name of ['connect', 'connect6']) wrap(UDP.prototype, name, (a) => ({ kind: 'udp', host: a[0], port: a[1] }));
  for (const name of ['send', 'send6']) wrap(UDP.prototype, name, (a) => ({ kind: 'udp', host: a.length > 4 ? a[4] : '(connected)', port: a.length > 4 ? a[3] : null }));
  // DNS: getaddrinfo (dns.lookup, and net's lookup before a connect), getnameinfo, and every c-ares query (dns.resolve*).
  const cares = process.binding('cares_wrap');
  wrap(cares, 'getaddrinfo', (a) => ({ kind: 'dns', host: a[1] }));
  wrap(cares, 'getnameinfo', (a) => ({ kind: 'dns', host: a[1], port: a[2] }));
  for (const name of Object.getOwnPropertyNames(cares.ChannelWrap.prototype).filter((n) => /^(query|getHostByAddr)/.test(n))) {
    wrap(cares.ChannelWrap.prototype, name, (a) => ({ kind: 'dns', host: a[1], query: name }));
  }
  // Unix-domain sockets and pipes stay on the machine; recorded so a test can see them, never counted as outbound.
  const { Pipe } = process.binding('pipe_wrap');
  wrap(Pipe.prototype, 'connect', (a) => ({ kind: 'pipe', path: a[1] }));

  write({ kind: 'loaded', argv: process.argv.slice(1, 3) });
}
