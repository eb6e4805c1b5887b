import { HearthError, isErrorCode, type CatalogItem, type Download } from '../contract/index.js';
import type { Services } from '../app/createServices.js';
import { formatBytes, formatParams, table, type Io } from './cliContext.js';
import { forTerminal, terminalIo } from './terminalText.js';
import { licenceNoticeLines } from '../services/library/catalog/checkLicenceAccepted.js';

export const LIBRARY_USAGE = `hearth models download <catalog-id|hf:owner/repo/file.gguf|https-url> [--quant Q] [--accept-licence]
                                          download, verify and install a model (resumes when run again);
                                          a model whose licence restricts use (Gemma, Qwen Research) needs --accept-licence
hearth models catalog [--json] [--remote] the curated catalog with fit verdicts (--remote: exact fit from the server's GGUF header)
hearth models scan [--link] [--json]      GGUF models of LM Studio, Jan and Ollama on this computer (--link: use them in place)
hearth models verify <id>                 re-hash a model's file and compare with the recorded SHA-256`;

function progressLine(d: Download): string {
  const total = d.totalBytes ? ` of ${formatBytes(d.totalBytes)}` : '';
  const pct = d.totalBytes ? ` ${((d.receivedBytes / d.totalBytes) * 100).toFixed(1)}%` : '';
  const speed = d.bytesPerSecond > 0 ? `, ${formatBytes(d.bytesPerSecond)}/s` : '';
  const eta = d.etaSeconds !== null ? `, ${Math.ceil(d.etaSeconds)} s left` : '';
  // The file name comes from a URL or a server: stderr is a terminal when this is called with \r.
  return `${forTerminal(d.fileName, true)}: ${d.state}${pct} (${formatBytes(d.receivedBytes)}${total}${speed}${eta})`;
}

/** Downloads in the foreground: progress on stderr, the result on stdout, Ctrl-C pauses (run again to resume). */
export async function downloadCommand(
  services: Services,
  source: string,
  quantization: string | undefined,
  io: Io,
  tty = process.stderr.isTTY === true,
  acceptLicence = false,
): Promise<number> {
  // GGUF strings, file names and model text reach stdout: no escape sequences on a terminal.
  io = terminalIo(io);
  const { downloads, bus } = services;
  // A licence that restricts use is printed before anything is fetched; without --accept-licence, start refuses with the way out.
  const entry = services.catalog.entries().find((e) => e.id === source);
  const notice = entry ? licenceNoticeLines(entry) : [];
  if (notice.length > 0) io.err(`${notice.join('\n')}\n${acceptLicence ? 'Licence accepted (--accept-licence).' : ''}\n`);
  const started = downloads.start(source, { quantization, acceptLicence });
  // Without a terminal, a line a second at most, and none for a failure that comes at once.
  let lastLine = tty ? 0 : Date.now();
  let printed = false;
  const unsubscribe = bus.subscribe((event, payload) => {
    if (event !== 'downloads.progress') return;
    const d = payload as Download;
    if (d.id !== started.id || d.state !== 'downloading' || d.receivedBytes === 0) return;
    const now = Date.now();
    if (tty) io.err(`\r${progressLine(d)}\u001b[K`);
    else if (now - lastLine >= 1000) io.err(`${progressLine(d)}\n`);
    else return;
    lastLine = now;
    printed = true;
  });
  const onSigint = () => downloads.pause(started.id);
  process.once('SIGINT', onSigint);
  try {
    const d = await downloads.wait(started.id);
    if (tty && printed) io.err('\n');
    if (d.state === 'completed') {
      const model = services.models.get(d.modelId!);
      io.out(`Downloaded ${d.fileName} as ${model.id} (${formatBytes(model.sizeBytes)}, sha256 ${model.sha256 ?? 'not recorded'})\n`);
      return 0;
    }
    if (d.state === 'paused') {
      io.err(`Paused at ${formatBytes(d.receivedBytes)}${d.totalBytes ? ` of ${formatBytes(d.totalBytes)}` : ''}. Run the same command again to resume.\n`);
      return 130;
    }
    const error = d.error ?? { code: 'DOWNLOAD_FAILED', message: `${d.fileName} was ${d.state}.` };
    throw new HearthError(isErrorCode(error.code) ? error.code : 'DOWNLOAD_FAILED', error.message);
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
  }
}

function sizeOf(item: CatalogItem): string {
  const f = item.files[0]!;
  if (f.sizeBytes) return formatBytes(f.sizeBytes);
  return f.approxSizeBytes ? `~${formatBytes(f.approxSizeBytes)}` : '?';
}

function fitOf(item: CatalogItem): string {
  if (!item.fit) return '?';
  const verdict = item.fit.verdict === 'wont-fit' ? "won't fit" : item.fit.verdict;
  return item.fitSource === 'size-estimate' ? `${verdict} (est.)` : verdict;
}

export async function catalogCommand(services: Services, json: boolean, remote: boolean, io: Io): Promise<number> {
  // GGUF strings, file names and model text reach stdout: no escape sequences on a terminal.
  io = terminalIo(io);
  const items = await services.catalog.list({ checkRemote: remote });
  if (json) {
    io.out(`${JSON.stringify(items)}\n`);
    return 0;
  }
  io.out(
    table([
      ['ID', 'KIND', 'PARAMS', 'SIZE', 'QUANTS', 'LICENCE', 'FIT', 'INSTALLED'],
      ...items.map((i) => [
        i.id,
        i.kind,
        formatParams(i.parameters),
        sizeOf(i),
        i.files.map((f) => f.quantization).join(','),
        i.licence ?? '?',
        fitOf(i),
        i.installed.map((x) => x.modelId).join(',') || '-',
      ]),
    ]),
  );
  return 0;
}

export async function scanCommand(services: Services, link: boolean, json: boolean, io: Io): Promise<number> {
  // GGUF strings, file names and model text reach stdout: no escape sequences on a terminal.
  io = terminalIo(io);
  if (link) await services.cache.linkFound();
  const { found, rejected } = services.cache.scan();
  // Paths of other apps' files: as hostile as any GGUF string.
  for (const r of rejected) io.err(forTerminal(`skipped ${r.path}: ${r.reason}\n`, process.stderr.isTTY === true));
  if (json) io.out(`${JSON.stringify(found)}\n`);
  else if (found.length === 0) io.out('No GGUF models found in LM Studio, Jan or Ollama folders.\n');
  else io.out(table([['APP', 'NAME', 'SIZE', 'MODEL', 'PATH'], ...found.map((f) => [f.app, f.name, formatBytes(f.sizeBytes), f.modelId ?? '-', f.path])]));
  return 0;
}

export async function verifyCommand(services: Services, modelId: string, json: boolean, io: Io): Promise<number> {
  // GGUF strings, file names and model text reach stdout: no escape sequences on a terminal.
  io = terminalIo(io);
  const wasBroken = services.models.get(modelId).broken;
  const result = await services.cache.verify(modelId);
  if (json) io.out(`${JSON.stringify(result)}\n`);
  if (!json && result.ok && wasBroken !== null) io.out(`${modelId} passed and is offered for chats again (it had been marked broken: ${wasBroken}).\n`);
  if (!result.ok) {
    throw new HearthError(
      'CHECKSUM_MISMATCH',
      result.expectedSha256
        ? `${modelId} has SHA-256 ${result.sha256}, not the recorded ${result.expectedSha256}: the file changed or is damaged. Download or import it again.`
        : `${modelId} is ${result.sizeBytes} bytes, not the size recorded when it was added: the file changed. Import it again.`,
    );
  }
  if (!json) io.out(result.expectedSha256 ? `${modelId}: OK (sha256 ${result.sha256})\n` : `${modelId}: no hash was recorded; recorded sha256 ${result.sha256} now\n`);
  return 0;
}
