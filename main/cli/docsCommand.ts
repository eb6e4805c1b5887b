import path from 'node:path';
import type { DocProgress, DocSearchMode, SyncSummary } from '../contract/documents.js';
import { createServices, type Services } from '../app/createServices.js';
import { dataPaths, resolveDataDir } from '../app/dataDir.js';
import type { DocumentsEmit } from '../services/documents/createDocuments.js';
import { passphraseFor } from '../services/privacy/readPassphrase.js';
import { parse, table, toNumber, UsageError, type Io } from './cliContext.js';
import { docsAsk, DOCS_ASK_USAGE } from './docsAsk.js';
import { terminalIo } from './terminalText.js';

export const DOCS_USAGE = `hearth docs add <path>... [--collection NAME] [--json]
                                               index files and folders (default collection "Documents"); progress on stderr
hearth docs list [--json]                      collections with their folders and counts
hearth docs files <collection> [--json]        every file of a collection, with its status and skip reason
hearth docs rm <collection|path>               remove a collection, or stop indexing a file or folder (files stay on disk)
hearth docs search "<query>" [--collection NAME] [--limit N] [--json]
                                               best excerpts first, with file, heading, page or lines
hearth docs sync [--collection NAME] [--json]  re-check files changed, added, moved or deleted since the last run
${DOCS_ASK_USAGE}`;

const DEFAULT_COLLECTION = 'Documents';

/** What the command needs: the app's services, opened for one command and closed after. */
export type OpenDocuments = (dataDir: string | undefined, emit: DocumentsEmit) => Promise<{ services: Pick<Services, 'documents' | 'chat' | 'models' | 'bus'>; close(): Promise<void> }>;

/**
 * Default: the services the app builds, on Hearth's database (with its
 * passphrase when encrypted): search is hybrid while an embedding model is
 * installed, and `ask` is a real chat turn. The engine process starts only
 * when something needs it (an embedding, a reply). Folders are not watched.
 */
export const openDocuments: OpenDocuments = async (dataDirFlag, emit) => {
  const dataDir = resolveDataDir(dataDirFlag);
  const databaseKey = await passphraseFor(dataPaths(dataDir).database);
  const services = await createServices({ dataDir, shell: 'browser', databaseKey });
  const unsubscribe = services.bus.subscribe((event, payload) => {
    if (event === 'documents.progress' || event === 'documents.changed') emit(event, payload as never);
  });
  return {
    services,
    async close() {
      unsubscribe();
      await services.dispose();
    },
  };
};

function progressLine(p: DocProgress): string | null {
  if (p.phase === 'indexing') return `indexing ${p.done + 1}/${p.total}: ${p.currentFile ?? ''}\n`;
  if (p.phase === 'embedding') return `embedding excerpts (${p.indexed} files)\n`;
  if (p.phase === 'cancelled') return `cancelled after ${p.done} of ${p.total} files\n`;
  return null;
}

/** How search runs: keywords, or keywords and meaning, and whether a reranker reorders the best results. */
export function describeSearchMode(mode: DocSearchMode): string {
  const how = mode.embeddingModelId ? `keywords and meaning (${mode.embeddingModelId})` : 'keywords (install an embedding model to search by meaning too)';
  const rerank = !mode.rerankerModelId
    ? 'no reranker installed'
    : mode.reranking
      ? `best results reordered by ${mode.rerankerModelId}`
      : mode.rerank === 'auto'
        ? `reranker ${mode.rerankerModelId} not used: automatic reranking needs models to run on a GPU (Documents page to turn it on)`
        : `reranker ${mode.rerankerModelId} installed but turned off (Documents page)`;
  return `Search: ${how}; ${rerank}.\n`;
}

function describeSync(name: string, s: SyncSummary): string {
  const lines = [
    `${name}: ${s.added} new, ${s.updated} changed, ${s.renamed} moved, ${s.removed} removed, ${s.unchanged} unchanged; ${s.skipped.length} skipped${s.cancelled ? ' (cancelled)' : ''}`,
    ...s.skipped.map((k) => `  skipped ${k.path}: ${k.reason}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `hearth docs ...`: the same documents service the app uses, on the same database. */
export async function docsCommand(argv: string[], rawIo: Io, open: OpenDocuments = openDocuments): Promise<number> {
  const io = terminalIo(rawIo);
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(rest, {
    collection: { type: 'string', short: 'c' },
    limit: { type: 'string', short: 'n' },
    model: { type: 'string', short: 'm' },
    'max-tokens': { type: 'string' },
    seed: { type: 'string' },
  });
  if (!sub || values.help) {
    io.out(`${DOCS_USAGE}\n`);
    return sub ? 0 : 2;
  }
  const emit: DocumentsEmit = (event, payload) => {
    if (event !== 'documents.progress') return;
    const line = progressLine(payload as DocProgress);
    if (line) io.err(line);
  };
  const json = (value: unknown): void => io.out(`${JSON.stringify(value, null, 2)}\n`);
  const { services, close } = await open(values['data-dir'], emit);
  const { documents } = services;
  // Ctrl-C stops indexing between files; what was indexed stays.
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    switch (sub) {
      case 'add': {
        if (positionals.length === 0) throw new UsageError('give at least one file or folder: hearth docs add ~/Notes');
        const name = values.collection ?? DEFAULT_COLLECTION;
        const existing = documents.list().find((c) => c.name.toLowerCase() === name.toLowerCase());
        const collection = existing ?? (await documents.create(name));
        const summary = await documents.addPaths(collection.id, positionals.map((p) => path.resolve(p)), controller.signal);
        if (values.json) json(summary);
        else io.out(describeSync(collection.name, summary));
        return summary.cancelled ? 130 : 0;
      }
      case 'list': {
        const all = documents.list();
        if (values.json) json(all);
        else if (all.length === 0) io.out('No document collections yet. Add one with `hearth docs add <folder> --collection NAME`.\n');
        else
          io.out(
            table([
              ['NAME', 'FILES', 'SKIPPED', 'EXCERPTS', 'TEXT', 'PATHS'],
              ...all.map((c) => [c.name, String(c.indexedFiles), String(c.skippedFiles), String(c.chunks), `${(c.textBytes / 1024 / 1024).toFixed(1)} MB`, c.roots.map((r) => r.path).join(', ')]),
            ]),
          );
        if (!values.json) io.out(describeSearchMode(await documents.searchMode()));
        return 0;
      }
      case 'files': {
        const [target] = positionals;
        if (!target) throw new UsageError('give a collection: hearth docs files Notes');
        const sources = documents.sources(target);
        if (values.json) json(sources);
        else io.out(table([['STATUS', 'EXCERPTS', 'PATH', 'REASON'], ...sources.map((s) => [s.status, String(s.chunkCount), s.path, s.skipReason ?? ''])]));
        return 0;
      }
      case 'rm': {
        const [target] = positionals;
        if (!target || positionals.length > 1) throw new UsageError('give one collection name or one path: hearth docs rm Notes');
        const collection = documents.list().find((c) => c.id === target || c.name.toLowerCase() === target.toLowerCase());
        if (collection) {
          documents.remove(collection.id);
          io.out(`Removed collection "${collection.name}" (${collection.indexedFiles} files' excerpts). The files themselves are untouched.\n`);
        } else {
          const removed = documents.removePath(path.resolve(target), values.collection);
          io.out(`Stopped indexing ${path.resolve(target)} (${removed} file(s) removed from the index; the files are untouched).\n`);
        }
        return 0;
      }
      case 'search': {
        const query = positionals.join(' ').trim();
        if (!query) throw new UsageError('give a query: hearth docs search "how do I restore a backup"');
        const limit = toNumber(values.limit, 'limit', { integer: true, min: 1 }) ?? 10;
        const collectionIds = values.collection ? [documents.find(values.collection).id] : undefined;
        const hits = await documents.search(query, { collectionIds, limit: Math.min(limit, 200) });
        if (values.json) {
          json(hits.map((h) => ({ path: h.path, score: h.score, ...(h.heading ? { heading: h.heading } : {}), ...(h.page ? { page: h.page } : {}), ...(h.lines ? { lines: h.lines } : {}), text: h.text })));
          return 0;
        }
        if (hits.length === 0) io.out(`Nothing found for "${query}".\n`);
        hits.forEach((h, i) => {
          const where = [h.heading, h.page ? `page ${h.page}` : null, h.lines ? `lines ${h.lines[0]}-${h.lines[1]}` : null].filter(Boolean).join(' · ');
          const excerpt = h.text.replace(/\s+/g, ' ').slice(0, 240);
          io.out(`${i + 1}. ${h.path}${where ? `  (${where})` : ''}\n   ${excerpt}${h.text.length > 240 ? '…' : ''}\n`);
        });
        return 0;
      }
      case 'sync': {
        const summaries = await documents.sync(values.collection, controller.signal);
        if (values.json) json(summaries);
        else if (summaries.length === 0) io.out('No document collections to sync.\n');
        else for (const s of summaries) io.out(describeSync(documents.find(s.collectionId).name, s));
        return summaries.some((s) => s.cancelled) ? 130 : 0;
      }
      case 'ask':
        return await docsAsk(services, io, {
          question: positionals.join(' ').trim(),
          collection: values.collection,
          model: values.model,
          maxTokens: values['max-tokens'],
          seed: values.seed,
          json: values.json === true,
        });
      default:
        throw new UsageError(`unknown subcommand "${sub}". Use add, list, files, rm, search, ask or sync.`);
    }
  } finally {
    process.off('SIGINT', onSigint);
    await close();
  }
}
