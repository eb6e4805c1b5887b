import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsHeadersIn, startApiTestServer, type ApiTestServer } from './apiTestServer.js';

/** The local API against the official openai client, on the real engine and the tiny fixture model. */
describe('local API: endpoints, keys, Host and Origin', () => {
  let t: ApiTestServer;
  let model: string;
  beforeAll(async () => {
    t = await startApiTestServer({ models: ['tiny'] });
    model = t.ids.tiny!;
  });
  afterAll(async () => t.close());

  it('lists the installed models and "auto"', async () => {
    const list = await t.client().models.list();
    const ids = list.data.map((m) => m.id);
    expect(ids).toEqual(['auto', model]);
    expect(list.data[1]).toMatchObject({ object: 'model', owned_by: 'hearth' });
  });

  it('answers a chat completion, with usage from the engine', async () => {
    const r = await t.client().chat.completions.create({ model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello there' }], max_tokens: 5, seed: 3, temperature: 0.7 });
    expect(r.object).toBe('chat.completion');
    expect(r.model).toBe(model);
    expect(r.choices).toHaveLength(1);
    expect(r.choices[0]!.message.role).toBe('assistant');
    expect(typeof r.choices[0]!.message.content).toBe('string');
    expect(['stop', 'length']).toContain(r.choices[0]!.finish_reason);
    expect(r.usage!.prompt_tokens).toBeGreaterThan(3);
    expect(r.usage!.completion_tokens).toBeGreaterThan(0);
    expect(r.usage!.completion_tokens).toBeLessThanOrEqual(5);
    expect(r.usage!.total_tokens).toBe(r.usage!.prompt_tokens + r.usage!.completion_tokens);
    const logged = t.s.api.log({ limit: 1 })[0]!;
    expect(logged).toMatchObject({ keyName: 'test-client', endpoint: '/v1/chat/completions', model, status: 200, promptTokens: r.usage!.prompt_tokens, completionTokens: r.usage!.completion_tokens, content: null });
  });

  it('streams a chat completion as server-sent chunks, the same text as the whole answer with the same seed', async () => {
    const args = { model, messages: [{ role: 'user' as const, content: 'Tell me a story' }], max_tokens: 8, seed: 11 };
    const whole = await t.client().chat.completions.create(args);
    const stream = await t.client().chat.completions.create({ ...args, stream: true, stream_options: { include_usage: true } });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(whole.choices[0]!.message.content);
    const last = chunks.filter((c) => c.choices.length > 0).at(-1)!;
    expect(last.choices[0]!.finish_reason).toBe(whole.choices[0]!.finish_reason);
    expect(chunks.at(-1)!.usage).toEqual(whole.usage);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]!.id)).toBe(true);
  });

  it('answers a text completion, whole and streamed', async () => {
    const r = await t.client().completions.create({ model, prompt: 'Once upon a time', max_tokens: 4, seed: 2 });
    expect(r.object).toBe('text_completion');
    expect(typeof r.choices[0]!.text).toBe('string');
    expect(r.usage!.completion_tokens).toBeGreaterThan(0);
    const stream = await t.client().completions.create({ model, prompt: 'Once upon a time', max_tokens: 4, seed: 2, stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.text ?? '';
    expect(text).toBe(r.choices[0]!.text);
  });

  it('refuses a missing key and a revoked key with 401', async () => {
    const missing = await t.raw({ path: '/v1/models' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' });
    expect(JSON.parse(missing.body).error.message).toMatch(/hearth api keys create/);
    const second = t.s.api.keys.create('revoked-one');
    expect((await t.client(second.key).models.list()).data.length).toBeGreaterThan(0);
    expect(t.s.api.keys.revoke('revoked-one')).toBe(true);
    await expect(t.client(second.key).models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    await expect(t.client('hk-not-a-key').chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    expect(t.s.api.keys.list().map((k) => k.name)).toEqual(['test-client']);
  });

  it('refuses a foreign Host header (DNS rebinding) before the key is even read', async () => {
    const r = await t.raw({ path: '/v1/models', headers: { host: `attacker.example:${t.port}`, authorization: `Bearer ${t.key.key}` } });
    expect(r.status).toBe(421);
    expect(JSON.parse(r.body).error.code).toBe('host_not_allowed');
    const ok = await t.raw({ path: '/v1/models', headers: { host: `localhost:${t.port}`, authorization: `Bearer ${t.key.key}` } });
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Origin with 403 and no CORS header; an allowlisted one gets CORS headers and its preflight', async () => {
    const foreign = await t.raw({ path: '/v1/models', headers: { origin: 'https://evil.example', authorization: `Bearer ${t.key.key}` } });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('origin_not_allowed');
    expect(corsHeadersIn(foreign.headers)).toEqual([]);
    const preflightRefused = await t.raw({ method: 'OPTIONS', path: '/v1/chat/completions', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflightRefused.status).toBe(403);
    expect(corsHeadersIn(preflightRefused.headers)).toEqual([]);

    t.s.store.updateSettings({ api: { allowedOrigins: ['http://localhost:3000'] } });
    try {
      const preflight = await t.raw({ method: 'OPTIONS', path: '/v1/chat/completions', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:3000');
      expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
      const allowed = await t.raw({ path: '/v1/models', headers: { origin: 'http://localhost:3000', authorization: `Bearer ${t.key.key}` } });
      expect(allowed.status).toBe(200);
      expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
      const stillForeign = await t.raw({ path: '/v1/models', headers: { origin: 'http://localhost:3001', authorization: `Bearer ${t.key.key}` } });
      expect(stillForeign.status).toBe(403);
      expect(corsHeadersIn(stillForeign.headers)).toEqual([]);
    } finally {
      t.s.store.updateSettings({ api: { allowedOrigins: [] } });
    }
  });

  it('refuses an oversized body with 413, bad JSON with 400, an unknown model with 404', async () => {
    const auth = { authorization: `Bearer ${t.key.key}`, 'content-type': 'application/json' };
    const big = Buffer.alloc(5 * 1024 * 1024, 'a');
    const tooBig = await t.raw({ method: 'POST', path: '/v1/chat/completions', headers: auth, body: big });
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body).error).toMatchObject({ type: 'invalid_request_error', code: 'request_too_large' });
    const badJson = await t.raw({ method: 'POST', path: '/v1/chat/completions', headers: auth, body: '{"model": "x", "messages": [' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    const unknown = t.client().chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] });
    await expect(unknown).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(unknown).rejects.toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
  });

  it('refuses parameters it cannot honour with 400 naming them, never silently', async () => {
    const base = { model, messages: [{ role: 'user' as const, content: 'hi' }] };
    await expect(t.client().chat.completions.create({ ...base, n: 2 })).rejects.toMatchObject({ status: 400, param: 'n', code: 'unsupported_parameter' });
    await expect(t.client().chat.completions.create({ ...base, logprobs: true })).rejects.toMatchObject({ status: 400, param: 'logprobs' });
    await expect(t.client().chat.completions.create({ ...base, frobnicate: 1 } as never)).rejects.toMatchObject({ status: 400, param: 'frobnicate' });
    await expect(t.client().chat.completions.create({ ...base, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:,' } }] }] })).rejects.toMatchObject({ status: 400, param: 'messages[0].content[0].type' });
    await expect(t.client().chat.completions.create({ ...base, temperature: 7 })).rejects.toMatchObject({ status: 400, param: 'temperature' });
    await expect(t.client().chat.completions.create({ model, messages: [] })).rejects.toMatchObject({ status: 400, param: 'messages' });
    await expect(t.client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Once' }] })).rejects.toMatchObject({ status: 400, param: 'messages[1].role' });
    await expect(t.client().chat.completions.create({ ...base, stream: true, n: 3 })).rejects.toMatchObject({ status: 400, param: 'n' });
  });

  it('answers a prompt longer than the context with 400 context_length_exceeded, not a cut prompt', async () => {
    const long = 'lighthouse keeper story '.repeat(400);
    await expect(t.client().chat.completions.create({ model, messages: [{ role: 'user', content: long }], max_tokens: 2 })).rejects.toMatchObject({ status: 400, code: 'context_length_exceeded' });
  });

  it('answers embeddings with a clear model_not_found while no embedding model is installed', async () => {
    const r = t.client().embeddings.create({ model, input: 'hello' });
    await expect(r).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(r).rejects.toThrow(/not an embedding model.*No embedding model is installed/);
  });

  it('stores API calls as chats tagged with the key name only when asked', async () => {
    const before = t.s.store.listChats().length;
    await t.client().chat.completions.create({ model, messages: [{ role: 'user', content: 'zebracorn question' }], max_tokens: 2 });
    expect(t.s.store.listChats().length).toBe(before);
    t.s.store.updateSettings({ api: { storeAsChats: true, logContent: true } });
    try {
      await t.client().chat.completions.create({ model, messages: [{ role: 'user', content: 'zebracorn question' }], max_tokens: 2 });
      const chats = t.s.store.listChats();
      expect(chats.length).toBe(before + 1);
      expect(chats[0]!.title).toBe('test-client · zebracorn question');
      expect(t.s.store.search('zebracorn').map((h) => h.chatId)).toContain(chats[0]!.id);
      expect(t.s.api.log({ limit: 1 })[0]!.content).toContain('zebracorn question');
    } finally {
      t.s.store.updateSettings({ api: { storeAsChats: false, logContent: false } });
    }
  });
});
