import type { Database } from 'better-sqlite3-multiple-ciphers';
import { HearthError, type Download, type DownloadState } from '../../../contract/index.js';
import type { PartState } from './fetchPart.js';

/** A download as stored: the contract's shape plus what resuming needs. */
export interface DownloadRow extends Omit<Download, 'bytesPerSecond' | 'etaSeconds'> {
  parts: PartState[];
}

export type DownloadPatch = Partial<Pick<DownloadRow, 'state' | 'receivedBytes' | 'totalBytes' | 'expectedSha256' | 'modelId' | 'error' | 'parts'>>;

export interface DownloadStore {
  insert(row: DownloadRow): DownloadRow;
  get(id: string): DownloadRow;
  find(id: string): DownloadRow | null;
  /** Newest first. */
  list(): DownloadRow[];
  listByState(states: DownloadState[]): DownloadRow[];
  update(id: string, patch: DownloadPatch, now: number): DownloadRow;
}

interface Raw {
  id: string;
  source: string;
  catalog_id: string | null;
  quantization: string | null;
  file_name: string;
  state: DownloadState;
  received_bytes: number;
  total_bytes: number | null;
  expected_sha256: string | null;
  model_id: string | null;
  error_code: string | null;
  error_message: string | null;
  parts_json: string;
  created_at: number;
  updated_at: number;
}

function fromRaw(r: Raw): DownloadRow {
  return {
    id: r.id,
    source: r.source,
    catalogId: r.catalog_id,
    quantization: r.quantization,
    fileName: r.file_name,
    state: r.state,
    receivedBytes: r.received_bytes,
    totalBytes: r.total_bytes,
    expectedSha256: r.expected_sha256,
    modelId: r.model_id,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    parts: JSON.parse(r.parts_json) as PartState[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toParams(d: DownloadRow) {
  return {
    id: d.id,
    source: d.source,
    catalog_id: d.catalogId,
    quantization: d.quantization,
    file_name: d.fileName,
    state: d.state,
    received_bytes: d.receivedBytes,
    total_bytes: d.totalBytes,
    expected_sha256: d.expectedSha256,
    model_id: d.modelId,
    error_code: d.error?.code ?? null,
    error_message: d.error?.message ?? null,
    parts_json: JSON.stringify(d.parts),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

/** The downloads table (migration 0060). Statements are prepared once. */
export function createDownloadStore(db: Database): DownloadStore {
  const columns = 'id, source, catalog_id, quantization, file_name, state, received_bytes, total_bytes, expected_sha256, model_id, error_code, error_message, parts_json, created_at, updated_at';
  const sql = {
    insert: db.prepare(`INSERT INTO downloads (${columns}) VALUES (${columns.split(', ').map((c) => `@${c}`).join(', ')})`),
    replace: db.prepare(`UPDATE downloads SET ${columns.split(', ').slice(1).map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`),
    get: db.prepare<[string], Raw>(`SELECT ${columns} FROM downloads WHERE id = ?`),
    list: db.prepare<[], Raw>(`SELECT ${columns} FROM downloads ORDER BY created_at DESC, rowid DESC`),
  };
  const find = (id: string) => {
    const raw = sql.get.get(id);
    return raw ? fromRaw(raw) : null;
  };
  const get = (id: string) => {
    const row = find(id);
    if (!row) throw new HearthError('NOT_FOUND', `Download ${id} does not exist. See the list of downloads.`);
    return row;
  };
  return {
    insert(row) {
      sql.insert.run(toParams(row));
      return row;
    },
    get,
    find,
    list: () => sql.list.all().map(fromRaw),
    listByState: (states) => sql.list.all().map(fromRaw).filter((d) => states.includes(d.state)),
    update(id, patch, now) {
      const next = { ...get(id), ...patch, updatedAt: now };
      sql.replace.run(toParams(next));
      return next;
    },
  };
}
