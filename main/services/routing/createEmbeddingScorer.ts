import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ModelRecord, Profile } from '../../contract/index.js';
import type { EmbeddingScorer } from './createRoutingService.js';
import { findEmbeddingModel } from './findEmbeddingModel.js';

export { EMBEDDING_CATALOG_IDS } from './findEmbeddingModel.js';

export interface EmbeddingScorerDeps {
  embed(ref: { modelId: string; modelPath: string }, texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]>;
  models: { list(): ModelRecord[] };
  profiles: { list(): Profile[] };
  catalogInstalled?: (catalogId: string) => readonly string[];
  /** Where example vectors are kept between runs (they take a while to compute the first time). */
  cacheDir?: string;
  /**
   * The database's cache (createCacheEntries): preferred over cacheDir, since
   * the vectors are derived from the user's examples and belong where they
   * are encrypted and deleted with the rest. Old files in cacheDir are removed.
   */
  cacheStore?: { get(key: string): string | null; put(key: string, value: string): void; removePrefix(prefix: string): void };
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Examples nearest to the message that count per label. Default 5. */
  nearest?: number;
  /** Softmax temperature over the labels' mean cosine similarities. Default 0.05. */
  temperature?: number;
}

interface Index {
  key: string;
  labels: string[];
  /** Unit vectors of the examples, with their label index. */
  vectors: Float32Array[];
  owner: number[];
}

/** nomic-embed-text expects a task prefix; the others take text as it is. */
function prefixFor(modelId: string): string {
  return modelId.startsWith('nomic-embed') ? 'classification: ' : '';
}

function unit(v: readonly number[]): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(v, (x) => x / norm);
}

export interface EmbeddingScorerHandle extends EmbeddingScorer {
  /** Profiles changed: the example vectors are recomputed on next use. */
  invalidate(): void;
  /** Resolves once the example vectors for the current model and profiles exist (tests, warm-up). */
  ready(): Promise<boolean>;
}

/**
 * Similarity to the example phrases through an embedding model: the message
 * and every example become vectors; each label scores the mean cosine of its
 * `nearest` closest examples; a softmax turns those into probabilities. The
 * examples' vectors are computed in the background the first time (and kept
 * on disk): until then this scorer answers null and routing stays lexical.
 */
export function createEmbeddingScorer(deps: EmbeddingScorerDeps): EmbeddingScorerHandle {
  const nearest = deps.nearest ?? 5;
  const temperature = deps.temperature ?? 0.05;
  const log = deps.log ?? (() => {});
  let index: Index | null = null;
  let building: Promise<Index | null> | null = null;
  let buildingKey: string | null = null;
  /** A key whose build failed: not retried on every message, only after invalidate() or another model/profile set. */
  let failedKey: string | null = null;

  const embeddingModel = (): ModelRecord | null => findEmbeddingModel(deps.models.list(), deps.catalogInstalled);

  function keyFor(model: ModelRecord, profiles: Profile[]): string {
    const hash = createHash('sha256').update(`${model.id}\0${model.sizeBytes}\0${model.sha256 ?? ''}\0`);
    for (const p of profiles) hash.update(`${p.id}\0${p.examples.join('\0')}\0\0`);
    return hash.digest('hex').slice(0, 24);
  }

  function cacheFile(key: string): string | null {
    return deps.cacheDir ? path.join(deps.cacheDir, `routing-embeddings-${key}.json`) : null;
  }

  const CACHE_PREFIX = 'routing-embeddings-';
  if (deps.cacheStore && deps.cacheDir && fs.existsSync(deps.cacheDir)) {
    // Files an older Hearth wrote: the vectors now live in the database.
    for (const f of fs.readdirSync(deps.cacheDir)) if (f.startsWith(CACHE_PREFIX)) fs.rmSync(path.join(deps.cacheDir, f), { force: true });
  }

  function readCacheText(key: string): string | null {
    if (deps.cacheStore) return deps.cacheStore.get(`${CACHE_PREFIX}${key}`);
    const file = cacheFile(key);
    return file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  }

  function readCache(key: string): Index | null {
    const text = readCacheText(key);
    if (text === null) return null;
    try {
      const data = JSON.parse(text) as { labels: string[]; owner: number[]; vectors: string[] };
      const vectors = data.vectors.map((b64) => new Float32Array(new Uint8Array(Buffer.from(b64, 'base64')).buffer));
      if (vectors.length !== data.owner.length) return null;
      return { key, labels: data.labels, owner: data.owner, vectors };
    } catch {
      return null; // a damaged cache is recomputed
    }
  }

  function writeCache(i: Index): void {
    const file = cacheFile(i.key);
    if (!file && !deps.cacheStore) return;
    try {
      const vectors = i.vectors.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'));
      const text = JSON.stringify({ labels: i.labels, owner: i.owner, vectors });
      if (deps.cacheStore) {
        // One set of example vectors at a time: the new key replaces the old.
        deps.cacheStore.removePrefix(CACHE_PREFIX);
        deps.cacheStore.put(`${CACHE_PREFIX}${i.key}`, text);
        return;
      }
      fs.mkdirSync(path.dirname(file!), { recursive: true, mode: 0o700 });
      fs.writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
      fs.renameSync(`${file}.tmp`, file!);
    } catch (error) {
      log('warn', `routing embeddings not cached: ${(error as Error).message}`);
    }
  }

  async function build(model: ModelRecord, profiles: Profile[], key: string): Promise<Index | null> {
    const cached = readCache(key);
    if (cached) return cached;
    const labels = profiles.map((p) => p.id);
    const texts: string[] = [];
    const owner: number[] = [];
    profiles.forEach((p, li) => {
      for (const e of p.examples) {
        texts.push(prefixFor(model.id) + e);
        owner.push(li);
      }
    });
    const started = Date.now();
    const vectors: Float32Array[] = [];
    // In batches, so chat replies queued on the engine are not held up for the whole set.
    for (let i = 0; i < texts.length; i += 32) {
      const batch = await deps.embed({ modelId: model.id, modelPath: model.path }, texts.slice(i, i + 32));
      vectors.push(...batch.map(unit));
    }
    const built = { key, labels, owner, vectors };
    writeCache(built);
    log('info', `routing embeddings: ${vectors.length} examples with ${model.id} in ${Date.now() - started} ms`);
    return built;
  }

  /** The example vectors were read from the cache (not computed) by the pending build: worth waiting for. */
  let pendingFromCache = false;
  /** The embedding model has answered a query in this process: its load is paid for. */
  let answered = false;

  /** The index for the current model and profiles, or null while it is being built. */
  function current(): { model: ModelRecord; index: Index | null; pending: Promise<Index | null> | null } | null {
    const model = embeddingModel();
    if (!model) return null;
    const profiles = deps.profiles.list().filter((p) => p.enabled && p.examples.length > 0);
    const key = keyFor(model, profiles);
    if (index?.key === key) return { model, index, pending: null };
    if (failedKey === key) return { model, index: null, pending: null };
    if (buildingKey !== key) {
      buildingKey = key;
      pendingFromCache = readCacheText(key) !== null;
      building = build(model, profiles, key).then(
        (built) => {
          if (buildingKey === key) index = built;
          return built;
        },
        (error: unknown) => {
          log('warn', `routing embeddings unavailable: ${(error as Error).message}`);
          if (buildingKey === key) {
            buildingKey = null;
            failedKey = key;
          }
          return null;
        },
      );
    }
    return { model, index: null, pending: building };
  }

  return {
    invalidate() {
      index = null;
      buildingKey = null;
      failedKey = null;
    },

    async ready() {
      const c = current();
      if (!c) return false;
      if (c.index) return true;
      return c.pending ? (await c.pending) !== null : false;
    },

    warm: () => answered,

    async score(text, labels, signal) {
      const c = current();
      if (!c) return null;
      // Vectors read from the cache are a moment away (a fresh process, the CLI); vectors being computed are not waited for.
      if (!c.index && c.pending && pendingFromCache) c.index = await c.pending;
      if (!c.index) return null;
      const [vector] = await deps.embed({ modelId: c.model.id, modelPath: c.model.path }, [prefixFor(c.model.id) + text], { signal });
      if (!vector) return null;
      answered = true;
      const v = unit(vector);
      const sims: number[][] = c.index.labels.map(() => []);
      c.index.vectors.forEach((e, i) => {
        let dot = 0;
        for (let j = 0; j < e.length; j++) dot += e[j]! * v[j]!;
        sims[c.index!.owner[i]!]!.push(dot);
      });
      const raw = labels.map((label) => {
        const li = c.index!.labels.indexOf(label);
        if (li < 0 || sims[li]!.length === 0) return -Infinity;
        const top = sims[li]!.sort((a, b) => b - a).slice(0, nearest);
        return top.reduce((a, b) => a + b, 0) / top.length;
      });
      const max = Math.max(...raw);
      if (!Number.isFinite(max)) return null;
      const exp = raw.map((r) => (Number.isFinite(r) ? Math.exp((r - max) / temperature) : 0));
      const sum = exp.reduce((a, b) => a + b, 0);
      return Object.fromEntries(labels.map((l, i) => [l, exp[i]! / sum]));
    },
  };
}
