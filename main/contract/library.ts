import { z } from 'zod';
import { Id, ModelFit } from './entities.js';

/**
 * The model library's part of the contract: the curated catalog, downloads,
 * models found in other apps' folders, and the network log that makes offline
 * mode provable. Spread into `methods` and `events` (methods.ts, events.ts).
 */

export const CatalogFile = z.object({
  quantization: z.string(),
  /** `hf:owner/repo/file.gguf` (node-llama-cpp's URI form); the first part for split files. */
  uri: z.string(),
  fileName: z.string(),
  /** Known only where a source states the exact byte count; else read from the server at download time. */
  sizeBytes: z.number().int().positive().nullable(),
  /** The size as printed on the model page ("~2.39 GB"): for display and size-based fit estimates, never for verification. */
  approxSizeBytes: z.number().int().positive().nullable().optional(),
  /** The LFS oid at the revision the catalog was written from; null when unsourced (taken from X-Linked-Etag then). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** Number of parts of a split GGUF (`-00001-of-0000N.gguf`); 1 for a single file. */
  parts: z.number().int().min(1).max(512),
});
export type CatalogFile = z.infer<typeof CatalogFile>;

/** What a model can do, as its sources state it; null where no source says. */
export const ModelCapabilities = z.object({
  /** 'hybrid': thinks by default and can be told not to (Qwen3's enable_thinking, /no_think); 'always': cannot be switched off (gpt-oss); 'none': never thinks. */
  thinking: z.enum(['none', 'hybrid', 'always']).nullable(),
  /** Its chat template renders tool definitions and calls. */
  tools: z.boolean().nullable(),
});
export type ModelCapabilities = z.infer<typeof ModelCapabilities>;

/** A licence that restricts use (Gemma Terms of Use, Qwen Research License): shown, and accepted, before a download starts. */
export const LicenceNotice = z.object({
  text: z.string().min(1),
  /** Where the terms can be read; null when no source names the address. */
  url: z.string().url().nullable(),
});
export type LicenceNotice = z.infer<typeof LicenceNotice>;

export const CatalogEntry = z.object({
  id: Id,
  name: z.string(),
  family: z.string(),
  kind: z.enum(['chat', 'embedding', 'reranker']),
  description: z.string(),
  parameters: z.number().positive().nullable(),
  /** The context the model was trained for (its card's native value), not what Hearth allocates. */
  contextLength: z.number().int().positive().nullable(),
  /** Optional for entries built outside the catalog file (tests, hf: URIs); the catalog file always states it. */
  capabilities: ModelCapabilities.optional(),
  licence: z.string().nullable(),
  /** Set when the licence restricts use; null or absent when it does not. */
  licenceNotice: LicenceNotice.nullable().optional(),
  domains: z.array(z.string()),
  files: z.array(CatalogFile).min(1),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const FitSource = z.enum(['local-file', 'remote-header', 'size-estimate']);

export const CatalogItem = CatalogEntry.extend({
  /** Installed model ids per quantization, when a file of this entry is in the cache. */
  installed: z.array(z.object({ quantization: z.string(), modelId: Id })),
  /** Fit of the default (first) file; null when nothing is known yet. */
  fit: ModelFit.nullable(),
  fitSource: FitSource.nullable(),
});
export type CatalogItem = z.infer<typeof CatalogItem>;

export const DownloadState = z.enum(['queued', 'downloading', 'paused', 'verifying', 'completed', 'failed', 'cancelled']);
export type DownloadState = z.infer<typeof DownloadState>;

export const Download = z.object({
  id: Id,
  /** What the user asked for: a catalog id, an `hf:` URI or an https URL. */
  source: z.string(),
  catalogId: Id.nullable(),
  quantization: z.string().nullable(),
  fileName: z.string(),
  state: DownloadState,
  receivedBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative().nullable(),
  bytesPerSecond: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  expectedSha256: z.string().nullable(),
  /** Set when completed: the model the file became. */
  modelId: Id.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Download = z.infer<typeof Download>;

export const FoundModel = z.object({
  /** Absolute path of the GGUF file (for Ollama, the blob named by its digest). */
  path: z.string(),
  app: z.enum(['lmstudio', 'jan', 'ollama']),
  /** A readable name: LM Studio's folder/file, Jan's model id, Ollama's `name:tag`. */
  name: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** Already in Hearth's index (linked in place), or null. */
  modelId: Id.nullable(),
});
export type FoundModel = z.infer<typeof FoundModel>;

export const NetworkAttempt = z.object({
  id: z.number().int(),
  at: z.number(),
  host: z.string(),
  port: z.number().int().nullable(),
  /** What wanted the connection: 'download', 'catalog', 'update-check', 'renderer', or 'unknown' when caught by the socket guard only. */
  purpose: z.string(),
  allowed: z.boolean(),
  /** Why it was blocked, or the URL it was for. */
  detail: z.string(),
});
export type NetworkAttempt = z.infer<typeof NetworkAttempt>;

export const libraryMethods = {
  'catalog.list': {
    params: z.strictObject({
      /** Read each entry's GGUF header from the server (range reads) for an exact fit. Only on the user's request: listing never touches the network otherwise. */
      checkRemote: z.boolean().optional(),
    }),
    result: z.array(CatalogItem),
  },

  'downloads.start': {
    params: z.strictObject({
      /** A catalog id, an `hf:` URI or an https (or loopback http) URL. */
      source: z.string().min(1).max(2048),
      /** For a catalog id: which file; default the entry's first (Q4_K_M). */
      quantization: z.string().max(64).optional(),
      /** The person accepted the entry's licenceNotice; required for a catalog entry whose licence restricts use. */
      acceptLicence: z.boolean().optional(),
    }),
    result: Download,
  },
  'downloads.list': { params: z.strictObject({}), result: z.array(Download) },
  'downloads.pause': { params: z.strictObject({ downloadId: Id }), result: Download },
  'downloads.resume': { params: z.strictObject({ downloadId: Id }), result: Download },
  'downloads.cancel': { params: z.strictObject({ downloadId: Id }), result: Download },
  /** "Keep everything offline-ready": queues the models the enabled domain profiles prefer, that are not installed yet. */
  'downloads.prepareOffline': { params: z.strictObject({}), result: z.array(Download) },

  /** Looks in LM Studio's, Jan's and Ollama's folders; nothing is copied. */
  'models.scan': { params: z.strictObject({}), result: z.array(FoundModel) },
  /** Re-hashes the file and compares with the hash recorded at download/import. */
  'models.verify': {
    params: z.strictObject({ modelId: Id }),
    result: z.object({ modelId: Id, ok: z.boolean(), sha256: z.string(), expectedSha256: z.string().nullable(), sizeBytes: z.number() }),
  },
  'models.cacheInfo': {
    params: z.strictObject({}),
    result: z.object({ dir: z.string(), totalBytes: z.number().nonnegative(), count: z.number().int().nonnegative(), freeBytes: z.number().nonnegative() }),
  },

  'network.log': {
    params: z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() }),
    result: z.array(NetworkAttempt),
  },
} as const satisfies Record<string, { params: z.ZodType; result: z.ZodType }>;

export const libraryEvents = {
  /** Throttled progress and every state change of a download. */
  'downloads.progress': Download,
  /** An outbound attempt was allowed or blocked. */
  'network.attempt': NetworkAttempt,
} as const satisfies Record<string, z.ZodType>;

