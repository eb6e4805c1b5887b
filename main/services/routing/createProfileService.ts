import type { Database } from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { HearthError, Profile } from '../../contract/index.js';
import { GENERAL, type ShippedProfile } from './builtInProfiles.js';

/** What a user may set on a profile (the contract's profiles.create / update fields). */
export const ProfileInput = Profile.pick({ name: true, description: true, systemPrompt: true, sampling: true, models: true, color: true, icon: true, enabled: true, examples: true });
export type ProfileInput = z.infer<typeof ProfileInput>;
export type ProfilePatch = Partial<ProfileInput>;

const StoredPatch = ProfileInput.partial();

export interface ProfileServiceDeps {
  db: Database;
  /** The shipped profiles, in the order they are listed. */
  builtIns: readonly ShippedProfile[];
  /** Shipped example phrases per built-in profile id. */
  examples: Readonly<Record<string, readonly string[]>>;
  now?: () => number;
  /** Called after every change (null: several profiles may have changed). */
  onChange?: (profileId: string | null) => void;
  warn?: (message: string) => void;
}

export interface ProfileService {
  /** Built-ins in shipped order, then custom profiles oldest first; disabled ones included. */
  list(): Profile[];
  enabled(): Profile[];
  find(id: string): Profile | null;
  /** Throws NOT_FOUND. */
  get(id: string): Profile;
  create(id: string, input: ProfileInput): Profile;
  update(id: string, patch: ProfilePatch): Profile;
  /** A built-in back to its shipped version (enabled again). */
  reset(id: string): Profile;
  /** Custom profiles only; chats pinned to it go back to Auto. */
  delete(id: string): boolean;
}

interface Row {
  id: string;
  built_in: number;
  data_json: string;
  created_at: number;
}

/**
 * Profiles as data: the shipped file plus the user's edits and additions in
 * SQLite. Built-in rows hold only the edited fields, so a later Hearth's better
 * prompt reaches every field the user left alone.
 */
export function createProfileService(deps: ProfileServiceDeps): ProfileService {
  const { db, builtIns } = deps;
  const now = deps.now ?? Date.now;
  const warn = deps.warn ?? (() => {});
  const builtInById = new Map(builtIns.map((p) => [p.id, p]));
  const sql = {
    all: db.prepare<[], Row>('SELECT id, built_in, data_json, created_at FROM profiles ORDER BY created_at, id'),
    get: db.prepare<[string], Row>('SELECT id, built_in, data_json, created_at FROM profiles WHERE id = ?'),
    upsert: db.prepare<[{ id: string; built_in: number; data_json: string; at: number }]>(`
      INSERT INTO profiles (id, built_in, data_json, created_at, updated_at) VALUES (@id, @built_in, @data_json, @at, @at)
      ON CONFLICT (id) DO UPDATE SET data_json = excluded.data_json, updated_at = excluded.updated_at`),
    remove: db.prepare<[string]>('DELETE FROM profiles WHERE id = ?'),
    unpin: db.prepare<[string]>("UPDATE chats SET routing_mode = 'auto' WHERE routing_mode = ?"),
  };

  function parseRow(row: Row): ProfilePatch | null {
    try {
      const parsed = (row.built_in ? StoredPatch : ProfileInput).safeParse(JSON.parse(row.data_json));
      if (parsed.success) return parsed.data;
      warn(`profile ${row.id}: stored data ignored (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    } catch {
      warn(`profile ${row.id}: stored data is not JSON and is ignored`);
    }
    return null;
  }

  function builtInProfile(shipped: ShippedProfile, patch: ProfilePatch | null): Profile {
    const base: Profile = { ...shipped, enabled: true, builtIn: true, modified: false, examples: [...(deps.examples[shipped.id] ?? [])] };
    if (!patch) return base;
    const modified = Object.keys(patch).some((k) => k !== 'enabled');
    return { ...base, ...patch, id: shipped.id, builtIn: true, modified };
  }

  function customProfile(id: string, data: ProfilePatch): Profile | null {
    const full = ProfileInput.safeParse(data);
    return full.success ? { ...full.data, id, builtIn: false, modified: false } : null;
  }

  function toProfile(row: Row | undefined, id: string): Profile | null {
    const shipped = builtInById.get(id);
    const patch = row ? parseRow(row) : null;
    if (shipped) return builtInProfile(shipped, patch);
    return patch ? customProfile(id, patch) : null;
  }

  function find(id: string): Profile | null {
    return toProfile(sql.get.get(id), id);
  }

  function get(id: string): Profile {
    const profile = find(id);
    if (!profile) throw new HearthError('NOT_FOUND', `There is no routing profile "${id}". Pick one from the profile list, or create it first.`);
    return profile;
  }

  function list(): Profile[] {
    const rows = sql.all.all();
    const rowById = new Map(rows.map((r) => [r.id, r]));
    const result = builtIns.map((p) => builtInProfile(p, rowById.has(p.id) ? parseRow(rowById.get(p.id)!) : null));
    for (const row of rows) {
      if (builtInById.has(row.id)) continue;
      const profile = toProfile(row, row.id);
      if (profile) result.push(profile);
    }
    return result;
  }

  function checkEnabled(id: string, enabled: boolean | undefined): void {
    if (id === GENERAL && enabled === false) {
      throw new HearthError('INVALID_PARAMS', 'The General profile cannot be disabled: messages no other profile fits go there. Edit its prompt instead.');
    }
  }

  const changed = (id: string | null) => deps.onChange?.(id);

  return {
    list,
    enabled: () => list().filter((p) => p.enabled),
    find,
    get,

    create(id, input) {
      if (builtInById.has(id) || sql.get.get(id)) {
        throw new HearthError('INVALID_PARAMS', `A profile with the id "${id}" already exists. Choose another id, or edit that profile.`);
      }
      const data = ProfileInput.parse(input);
      sql.upsert.run({ id, built_in: 0, data_json: JSON.stringify(data), at: now() });
      changed(id);
      return get(id);
    },

    update(id, patch) {
      const current = get(id);
      checkEnabled(id, patch.enabled);
      const clean = StoredPatch.parse(patch);
      const row = sql.get.get(id);
      const data = current.builtIn ? { ...(row ? parseRow(row) : null), ...clean } : { ...ProfileInput.parse(current), ...clean };
      sql.upsert.run({ id, built_in: current.builtIn ? 1 : 0, data_json: JSON.stringify(data), at: now() });
      changed(id);
      return get(id);
    },

    reset(id) {
      const current = get(id);
      if (!current.builtIn) throw new HearthError('INVALID_PARAMS', `"${current.name}" is your own profile: there is no shipped version to reset it to. Edit or delete it instead.`);
      sql.remove.run(id);
      changed(id);
      return get(id);
    },

    delete(id) {
      if (builtInById.has(id)) {
        throw new HearthError('INVALID_PARAMS', `"${builtInById.get(id)!.name}" ships with Hearth and cannot be deleted; disable it instead.`);
      }
      const deleted = db.transaction(() => {
        const gone = sql.remove.run(id).changes > 0;
        if (gone) sql.unpin.run(id);
        return gone;
      })();
      if (deleted) changed(id);
      return deleted;
    },
  };
}
