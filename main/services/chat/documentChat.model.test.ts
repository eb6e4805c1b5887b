import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, ReplySource, TurnParams } from '../../contract/index.js';
import { fixturePath } from '../../../test/fixtures.js';
import { eventsOf, tempServices } from '../../../test/tempServices.js';
import type { GenerateArgs } from '../engine/engineOps.js';
import { excerptBudget } from './documentSources.js';

type S = Awaited<ReturnType<typeof tempServices>>;

// The fixture models write random text: these tests assert on what the reply was given and stored, never on its wording.
describe('document chats on the real engine', () => {
  let s: S;
  let small: string;
  let tiny: string;
  let folder: string;
  let collectionId: string;
  /** Every generate call's arguments, as the engine received them. */
  const prompts: Array<Pick<GenerateArgs, 'message' | 'system'>> = [];

  beforeAll(async () => {
    s = await tempServices({ persistIntervalMs: 20 });
    small = (await s.models.add(fixturePath('small'), { mode: 'link' })).id;
    tiny = (await s.models.add(fixturePath('tiny'), { mode: 'link' })).id;
    const generate = s.engine.generate.bind(s.engine);
    s.engine.generate = (args, options) => {
      prompts.push({ message: args.message, system: args.system });
      return generate(args, options);
    };
    folder = path.join(s.dataDir, 'notes');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'ferry.md'), '# Boats\n\nThe ferry to the island leaves at noon from pier four.\n\n## Tickets\n\nBuy ferry tickets at the kiosk on the pier.\n');
    fs.writeFileSync(path.join(folder, 'trains.txt'), 'Trains to the city run every hour from platform two.\n');
    const created = await s.documents.create('Travel');
    await s.documents.addPaths(created.id, [folder]);
    collectionId = created.id;
  });
  afterAll(async () => {
    await s.cleanup();
  });

  async function ask(params: TurnParams): Promise<{ reply: Message; chatId: string; prompt: string }> {
    const before = prompts.length;
    const r = await s.chat.turn(params);
    const reply = await s.chat.whenDone(r.reply.id);
    return { reply, chatId: r.chat.id, prompt: prompts.slice(before).at(-1)?.message.content ?? '' };
  }
  const sampling = { maxTokens: 6, seed: 1 };

  it('retrieves for the message, numbers the excerpts in the prompt, stores them with the reply and sends them on chat.done', async () => {
    const { reply, chatId, prompt } = await ask({ modelId: small, newChat: { collectionIds: [collectionId], sampling }, action: { type: 'send', text: 'When does the ferry leave?' } });
    expect(reply.status).toBe('complete');
    const sources = reply.sources!;
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.map((x) => x.n)).toEqual(sources.map((_, i) => i + 1));
    expect(sources[0]).toMatchObject({ path: path.join(folder, 'ferry.md'), heading: 'Boats', lines: [expect.any(Number), expect.any(Number)], collectionId, text: expect.stringContaining('noon') });
    // Numbered as stored, with the file and heading, then the user's words.
    expect(prompt).toContain(`[1] ferry.md — Boats, lines ${sources[0]!.lines![0]}–${sources[0]!.lines![1]}\n${sources[0]!.text}`);
    expect(prompt).toContain('cite the ones you use by number');
    expect(prompt.endsWith('Message: When does the ferry leave?')).toBe(true);
    // The stored user message is what the user wrote.
    expect(s.store.listMessages(chatId)[0]!.content).toBe('When does the ferry leave?');
    const done = eventsOf(s.events, 'chat.done').find((d) => d.messageId === reply.id);
    expect(done?.sources).toEqual(sources);
    // A reloaded chat shows the same sources.
    expect(s.store.listMessages(chatId)[1]!.sources).toEqual(sources);
    // Routing still applies and says which profile answered.
    expect(reply.routing?.domain).toEqual(expect.any(String));
  });

  it('counts the excerpts in the context use, within the excerpt budget', async () => {
    const text = 'Where are ferry tickets sold?';
    const plain = await ask({ modelId: small, newChat: { sampling }, action: { type: 'send', text } });
    const withDocs = await ask({ modelId: small, newChat: { collectionIds: [collectionId], sampling }, action: { type: 'send', text } });
    expect(plain.reply).not.toHaveProperty('sources');
    expect(plain.prompt).toBe(text);
    const sources = withDocs.reply.sources!;
    expect(sources.length).toBeGreaterThan(0);
    const excerptChars = sources.reduce((n, x) => n + x.text.length, 0);
    expect(withDocs.reply.context!.newMessageTokens).toBeGreaterThan(plain.reply.context!.newMessageTokens);
    // The documents service estimates 4 characters a token; the budget is a share of the window.
    expect(excerptChars / 4).toBeLessThanOrEqual(excerptBudget(withDocs.reply.context!.windowTokens));
  });

  it('answers with sources [] and says so in the prompt when nothing matches', async () => {
    const { reply, prompt } = await ask({ modelId: small, newChat: { collectionIds: [collectionId], sampling }, action: { type: 'send', text: 'zeppelin quartz' } });
    expect(reply.status).toBe('complete');
    expect(reply.sources).toEqual([]);
    expect(prompt).toContain('have no excerpt for this message');
  });

  it('retrieves again on regenerate and edit (a file added meanwhile is found)', async () => {
    const first = await ask({ modelId: small, newChat: { collectionIds: [collectionId], sampling }, action: { type: 'send', text: 'Which bus goes to the harbour?' } });
    expect(first.reply.sources?.some((x) => x.path.endsWith('bus.md')) ?? false).toBe(false);
    fs.writeFileSync(path.join(folder, 'bus.md'), '# Buses\n\nThe harbour bus leaves from the market square.\n');
    await s.documents.sync(collectionId);
    const again = await ask({ chatId: first.chatId, action: { type: 'regenerate' } });
    expect(again.reply.id).not.toBe(first.reply.id);
    expect(again.reply.sources?.[0]?.path).toBe(path.join(folder, 'bus.md'));
    expect(again.prompt).toContain('[1] bus.md — Buses');
    const user = s.store.listMessages(first.chatId)[0]!;
    const edited = await ask({ chatId: first.chatId, action: { type: 'edit', messageId: user.id, text: 'When do trains run?' } });
    expect(edited.reply.sources?.[0]?.path).toBe(path.join(folder, 'trains.txt'));
  });

  it('indexes files dropped with a message into the chat\'s own collection, attaches it and waits for it', async () => {
    const dropped = path.join(s.dataDir, 'dropped');
    fs.mkdirSync(dropped);
    fs.writeFileSync(path.join(dropped, 'recipe.md'), '# Soup\n\nSimmer the lentils for twenty minutes.\n');
    fs.writeFileSync(path.join(dropped, 'garden.md'), '# Garden\n\nWater the tomatoes every morning.\n');
    const r = await s.chat.turn({ modelId: small, newChat: { title: 'Kitchen', sampling }, action: { type: 'send', text: 'How long do the lentils simmer?', files: [path.join(dropped, 'recipe.md')] } });
    const own = s.documents.list().find((c) => c.name === 'Kitchen')!;
    expect(r.chat.collectionIds).toEqual([own.id]);
    const reply = await s.chat.whenDone(r.reply.id);
    expect(reply.sources?.[0]).toMatchObject({ path: path.join(dropped, 'recipe.md'), collectionId: own.id });
    // A second drop adds to the same collection.
    const next = await s.chat.turn({ chatId: r.chat.id, action: { type: 'send', text: 'When should I water the tomatoes?', files: [path.join(dropped, 'garden.md')] } });
    expect(next.chat.collectionIds).toEqual([own.id]);
    expect((await s.chat.whenDone(next.reply.id)).sources?.[0]?.path).toBe(path.join(dropped, 'garden.md'));
    expect(s.documents.sources(own.id).map((x) => path.basename(x.path)).sort()).toEqual(['garden.md', 'recipe.md']);
    // Deleting the chat removes the index of the files dropped in it (the files stay), unless another chat attached it.
    const other = s.chat.createChat({ title: 'Other', collectionIds: [own.id] });
    await s.chat.deleteChat(r.chat.id);
    expect(s.documents.list().some((c) => c.id === own.id)).toBe(true);
    s.chat.updateChat(other.id, { collectionIds: [] });
    const third = await s.chat.turn({ modelId: small, newChat: { title: 'Kitchen', sampling }, action: { type: 'send', text: 'soup?', files: [path.join(dropped, 'recipe.md')] } });
    const thirdOwn = third.chat.collectionIds![0]!;
    expect(s.documents.list().find((c) => c.id === thirdOwn)?.name).toBe('Kitchen (2)');
    await s.chat.whenDone(third.reply.id);
    await s.chat.deleteChat(third.chat.id);
    expect(s.documents.list().some((c) => c.id === thirdOwn)).toBe(false);
    expect(fs.existsSync(path.join(dropped, 'recipe.md'))).toBe(true);
  });

  it('refuses a dropped file that does not exist before writing anything', async () => {
    const chats = s.store.counts().chats;
    const collections = s.documents.list().length;
    await expect(s.chat.turn({ modelId: small, newChat: {}, action: { type: 'send', text: 'hi', files: [path.join(s.dataDir, 'missing.pdf')] } })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(s.store.counts().chats).toBe(chats);
    expect(s.documents.list()).toHaveLength(collections);
  });

  it('fits the excerpts to a small context: a 512-token model still answers, with the excerpts that fit', async () => {
    const many = path.join(s.dataDir, 'many');
    fs.mkdirSync(many);
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(many, `lighthouse-${i}.md`), `The lighthouse keeper ${i} lights the lamp at dusk.\n`);
    const c = await s.documents.create('Lighthouses');
    await s.documents.addPaths(c.id, [many]);
    const before = prompts.length;
    const { reply } = await ask({ modelId: tiny, newChat: { collectionIds: [c.id], sampling }, action: { type: 'send', text: 'What does the lighthouse keeper do?' } });
    // The first prompt held more excerpts than fit this tokenizer: the reply was tried again with the better half.
    const tried = prompts.slice(before).map((p) => (p.message.content.match(/^\[\d+\] /gm) ?? []).length);
    expect(tried.length).toBeGreaterThan(1);
    expect(tried[0]).toBeGreaterThan(tried.at(-1)!);
    expect(reply.status).toBe('complete');
    const ctx = reply.context!;
    expect(ctx.systemTokens + ctx.newMessageTokens + ctx.historyTokens).toBeLessThanOrEqual(ctx.windowTokens - ctx.reservedTokens);
    const sources: ReplySource[] = reply.sources!;
    expect(sources.length).toBe(tried.at(-1));
    expect(sources.length).toBeGreaterThan(0);
    expect(s.store.getMessage(reply.id).sources).toEqual(sources);
  });

  it('detaches a removed collection: the chat answers without documents', async () => {
    const c = await s.documents.create('Temporary');
    await s.documents.addPaths(c.id, [path.join(folder, 'trains.txt')]);
    const first = await ask({ modelId: small, newChat: { collectionIds: [c.id], sampling }, action: { type: 'send', text: 'When do trains run?' } });
    expect(first.reply.sources?.length).toBeGreaterThan(0);
    s.documents.remove(c.id);
    expect(s.store.getChat(first.chatId)).not.toHaveProperty('collectionIds');
    const after = await ask({ chatId: first.chatId, action: { type: 'send', text: 'When do trains run?' } });
    expect(after.reply).not.toHaveProperty('sources');
    expect(after.prompt).toBe('When do trains run?');
    // The earlier reply keeps what it was given.
    expect(s.store.getMessage(first.reply.id).sources).toEqual(first.reply.sources);
  });

  it('refuses an unknown collection on a new chat and on chats.update', async () => {
    await expect(s.chat.turn({ modelId: small, newChat: { collectionIds: ['nope'] }, action: { type: 'send', text: 'hi' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const chat = s.chat.createChat({ title: 'x' });
    expect(() => s.chat.updateChat(chat.id, { collectionIds: ['nope'] })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(s.chat.updateChat(chat.id, { collectionIds: [collectionId] }).collectionIds).toEqual([collectionId]);
  });
});
