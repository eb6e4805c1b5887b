import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Profile } from '../../contract/index.js';
import { createStore, type Store } from '../store/createStore.js';
import { openDatabase } from '../store/openDatabase.js';
import { tempDir } from '../store/tempStore.js';
import { BUILT_IN_IDS, builtInProfiles, parseProfilesFile } from './builtInProfiles.js';
import { createProfileService, type ProfileInput, type ProfileService } from './createProfileService.js';

const examples = { healthcare: ['my knee hurts when I run'], coding: ['fix this python error'] };

const custom: ProfileInput = {
  name: 'Gardening',
  description: 'Plants and soil',
  systemPrompt: 'You are a gardener.',
  sampling: { temperature: 0.6 },
  models: { fast: [], standard: ['llama-3.2-3b-instruct'] },
  color: '#22aa44',
  icon: '🌱',
  enabled: true,
  examples: ['when should I prune roses', 'my tomato leaves are yellow'],
};

describe('shipped profiles file', () => {
  it('holds the seven domains, valid against the contract, with careful prompts', () => {
    const shipped = builtInProfiles();
    expect(shipped.map((p) => p.id)).toEqual([...BUILT_IN_IDS]);
    for (const p of shipped) {
      expect(Profile.safeParse({ ...p, enabled: true, builtIn: true, modified: false, examples: [] }).success).toBe(true);
      expect(p.models.standard.length).toBeGreaterThan(0);
      expect(p.models.fast.length).toBeGreaterThan(0);
    }
    const prompt = (id: string) => shipped.find((p) => p.id === id)!.systemPrompt;
    expect(prompt('healthcare')).toMatch(/never give a diagnosis/);
    expect(prompt('healthcare')).toMatch(/emergency number|urgent care/);
    expect(prompt('leadership')).toMatch(/coach/);
    expect(prompt('coding')).toMatch(/Lead with working code/);
  });

  it('refuses a file with a missing domain, a duplicate or a bad colour, naming the place', () => {
    const good = { version: 1, profiles: builtInProfiles() };
    expect(() => parseProfilesFile({ ...good, profiles: good.profiles.slice(1) })).toThrow(/profile "general" is missing/);
    expect(() => parseProfilesFile({ ...good, profiles: [...good.profiles, good.profiles[0]] })).toThrow(/appears twice/);
    const bad = structuredClone(good);
    bad.profiles[2]!.color = 'teal';
    expect(() => parseProfilesFile(bad)).toThrow(/profiles\.2\.color/);
  });
});

describe('profile service', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Database;
  let store: Store;
  let profiles: ProfileService;
  let changes: Array<string | null>;

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.file);
    store = createStore({ db });
    changes = [];
    profiles = createProfileService({ db, builtIns: builtInProfiles(), examples, onChange: (id) => changes.push(id) });
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('lists the built-ins with their shipped examples, enabled and unmodified', () => {
    const list = profiles.list();
    expect(list.map((p) => p.id)).toEqual([...BUILT_IN_IDS]);
    expect(list.every((p) => p.builtIn && p.enabled && !p.modified)).toBe(true);
    expect(profiles.get('healthcare').examples).toEqual(examples.healthcare);
    expect(profiles.get('general').examples).toEqual([]);
  });

  it('edits a built-in as a patch: edited fields stick, reset brings the shipped version back', () => {
    const shippedPrompt = profiles.get('coding').systemPrompt;
    const edited = profiles.update('coding', { systemPrompt: 'Answer in Rust only.', sampling: { temperature: 0.1 } });
    expect(edited).toMatchObject({ systemPrompt: 'Answer in Rust only.', sampling: { temperature: 0.1 }, modified: true, builtIn: true });
    expect(edited.description).toBe(builtInProfiles().find((p) => p.id === 'coding')!.description);
    // Survives a new service over the same database (a restart).
    const again = createProfileService({ db, builtIns: builtInProfiles(), examples });
    expect(again.get('coding').systemPrompt).toBe('Answer in Rust only.');
    const reset = profiles.reset('coding');
    expect(reset).toMatchObject({ systemPrompt: shippedPrompt, modified: false });
    expect(changes).toEqual(['coding', 'coding']);
  });

  it('disables and re-enables a built-in without calling it modified; General cannot be disabled', () => {
    expect(profiles.update('creative', { enabled: false })).toMatchObject({ enabled: false, modified: false });
    expect(profiles.enabled().map((p) => p.id)).not.toContain('creative');
    expect(profiles.update('creative', { enabled: true }).enabled).toBe(true);
    expect(() => profiles.update('general', { enabled: false })).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
  });

  it('creates, edits and deletes a custom profile; chats pinned to it go back to Auto', () => {
    const created = profiles.create('gardening', custom);
    expect(created).toMatchObject({ id: 'gardening', builtIn: false, modified: false, examples: custom.examples });
    expect(profiles.list().at(-1)!.id).toBe('gardening');
    expect(profiles.update('gardening', { name: 'Garden' }).name).toBe('Garden');
    const chat = store.createChat({ title: 'roses', routingMode: 'gardening' });
    expect(store.getChat(chat.id).routingMode).toBe('gardening');
    expect(profiles.delete('gardening')).toBe(true);
    expect(store.getChat(chat.id).routingMode).toBe('auto');
    expect(profiles.find('gardening')).toBeNull();
    expect(profiles.delete('gardening')).toBe(false);
  });

  it('refuses what would break the set: duplicate ids, deleting or resetting the wrong kind, unknown ids', () => {
    profiles.create('gardening', custom);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return 'none';
    };
    expect(code(() => profiles.create('gardening', custom))).toBe('INVALID_PARAMS');
    expect(code(() => profiles.create('coding', custom))).toBe('INVALID_PARAMS');
    expect(code(() => profiles.delete('healthcare'))).toBe('INVALID_PARAMS');
    expect(code(() => profiles.reset('gardening'))).toBe('INVALID_PARAMS');
    expect(code(() => profiles.update('nope', { name: 'x' }))).toBe('NOT_FOUND');
    expect(code(() => profiles.get('nope'))).toBe('NOT_FOUND');
  });

  it('ignores a stored row it cannot read instead of failing to list', () => {
    const warnings: string[] = [];
    db.prepare("INSERT INTO profiles (id, built_in, data_json, created_at, updated_at) VALUES ('coding', 1, '{not json', 0, 0), ('broken', 0, '{\"name\":1}', 0, 0)").run();
    const service = createProfileService({ db, builtIns: builtInProfiles(), examples, warn: (m) => warnings.push(m) });
    expect(service.get('coding').modified).toBe(false);
    expect(service.list().map((p) => p.id)).toEqual([...BUILT_IN_IDS]);
    expect(warnings.length).toBeGreaterThan(0);
  });
});
