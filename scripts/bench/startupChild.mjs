// One process of the startup bench (scripts/bench/startupBench.ts), plain JS so
// that node runs it with nothing in front: no TypeScript loader in the timings.
//   node startupChild.mjs bare
//   node startupChild.mjs services <compiled dir> <data dir>
//   node startupChild.mjs server <compiled dir> <data dir> <renderer dir>
// Prints one line `ready <ms since the process started> [url]` once ready; then
// answers `mem` on stdin with process.memoryUsage() as JSON, and `exit` by
// shutting down the way the app does.
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

const [mode, dist, dataDir, staticDir] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(path.join(dist, file)).href);

let close = async () => {};
let url = '';
if (mode === 'services') {
  const { createServices } = await load('main/app/createServices.js');
  const services = await createServices({ dataDir, shell: 'browser' });
  close = () => services.dispose();
} else if (mode === 'server') {
  const { startServer } = await load('main/server.js');
  const server = await startServer({ dataDir, staticDir, port: 0 });
  url = server.url;
  close = () => server.close();
} else if (mode !== 'bare') {
  throw new Error(`unknown mode ${mode}`);
}
process.stdout.write(`ready ${performance.now()} ${url}\n`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'mem') process.stdout.write(`${JSON.stringify(process.memoryUsage())}\n`);
  else if (line === 'exit') break;
}
await close();
process.exit(0);
