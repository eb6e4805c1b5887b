import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A network namespace with nothing in it but a loopback interface: no route,
 * no DNS, no way off the machine. The server starts inside one (`unshare -n`),
 * and the browser joins the same one (`nsenter`), so they reach each other on
 * 127.0.0.1 and nothing else.
 */
export const NETNS_WRAP = ['unshare', '-n', '--', 'sh', '-c', 'ip link set lo up && exec "$@"', 'netns'];

/** Why the offline journey cannot run here (a reason to skip with), or null when it can. */
export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return `network namespaces are Linux-only (this is ${process.platform})`;
  const probe = spawnSync('unshare', ['-n', '--', 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8' });
  if (probe.error) return `unshare is not installed (${probe.error.message})`;
  if (probe.status !== 0) {
    return `\`unshare -n\` is not allowed here (it needs root or user namespaces): ${probe.stderr.trim() || `exit ${probe.status}`}`;
  }
  const nsenter = spawnSync('nsenter', ['--version'], { encoding: 'utf8' });
  if (nsenter.error) return `nsenter is not installed (${nsenter.error.message})`;
  return null;
}

/** A script Playwright can launch as "the browser": it runs Chromium inside the network namespace of process `pid`. */
export function chromiumInNamespaceOf(pid: number, chromium: string, dir: string): string {
  const script = path.join(dir, 'chromium-in-netns.sh');
  // exec keeps Playwright's --remote-debugging-pipe descriptors (3 and 4) and the process it waits on.
  fs.writeFileSync(script, `#!/bin/sh\nexec nsenter --net=/proc/${pid}/ns/net -- ${JSON.stringify(chromium)} "$@"\n`, { mode: 0o755 });
  return script;
}
