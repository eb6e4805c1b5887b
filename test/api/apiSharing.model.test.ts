import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startApiTestServer, type ApiTestServer } from './apiTestServer.js';

/** Streams on the `small` fixture keep going (it practically never samples end-of-sequence): long enough to hold the engine. */
const until = async (what: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('local API: routing, structured output, tools, sharing the engine', () => {
  let t: ApiTestServer;
  let model: string;
  beforeAll(async () => {
    t = await startApiTestServer({ models: ['small'], defaultModel: 'small' });
    model = t.ids.small!;
  });
  afterAll(async () => t.close());

  /** A streaming request that holds the engine until aborted; resolves once its first token has arrived. */
  async function holdEngine() {
    const controller = new AbortController();
    const stream = await t.client().chat.completions.create({ model, messages: [{ role: 'user', content: 'Write forever' }], max_tokens: 3000, stream: true }, { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    let received = 0;
    while (received < 3) if (!(await iterator.next()).done) received++;
    const drained = (async () => {
      try {
        while (!(await iterator.next()).done);
      } catch {
        // aborted
      }
    })();
    return { abort: () => controller.abort(), drained };
  }

  it('"auto" routes by the last user message: x-hearth-route header, hearth field, the profile\'s system prompt', async () => {
    t.s.store.updateSettings({ api: { logContent: true } });
    try {
      const { data, response } = await t.client().chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'How do I fix this TypeScript compile error in my function?' }], max_tokens: 3, seed: 1 }).withResponse();
      const hearth = (data as unknown as { hearth: { domain: string; confidence: number; model: string } }).hearth;
      expect(hearth.domain).toBe('coding');
      expect(hearth.model).toBe(model);
      expect(hearth.confidence).toBeGreaterThan(0);
      expect(response.headers.get('x-hearth-route')).toBe(`domain=coding; confidence=${hearth.confidence.toFixed(2)}; model=${model}`);
      expect(data.model).toBe(model);
      const logged = JSON.parse(t.s.api.log({ limit: 1 })[0]!.content!) as { messages: Array<{ role: string; content: string }> };
      expect(logged.messages[0]).toEqual({ role: 'system', content: t.s.profiles.get('coding').systemPrompt });
      // The request's own system prompt wins over the profile's.
      await t.client().chat.completions.create({ model: 'auto', messages: [{ role: 'system', content: 'Mine.' }, { role: 'user', content: 'How do I fix this TypeScript compile error?' }], max_tokens: 2 });
      expect((JSON.parse(t.s.api.log({ limit: 1 })[0]!.content!) as { messages: unknown[] }).messages[0]).toEqual({ role: 'system', content: 'Mine.' });
      // Streamed: the first chunk carries the decision.
      const stream = await t.client().chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'How do I fix this TypeScript compile error?' }], max_tokens: 2, stream: true });
      const chunks = [];
      for await (const c of stream) chunks.push(c as unknown as { hearth?: { domain: string } });
      expect(chunks[0]!.hearth?.domain).toBe('coding');
      expect(chunks.slice(1).every((c) => c.hearth === undefined)).toBe(true);
    } finally {
      t.s.store.updateSettings({ api: { logContent: false } });
    }
  });

  it('response_format json_schema: the content parses against the schema', async () => {
    const schema = { type: 'object', properties: { answer: { enum: ['yes', 'no'] }, score: { type: 'integer' } }, required: ['answer', 'score'], additionalProperties: false };
    for (const seed of [1, 2]) {
      const r = await t.client().chat.completions.create({ model, messages: [{ role: 'user', content: 'Is the sky blue?' }], max_tokens: 200, seed, temperature: 1, response_format: { type: 'json_schema', json_schema: { name: 'verdict', schema, strict: true } } });
      expect(r.choices[0]!.finish_reason).toBe('stop');
      expect(z.strictObject({ answer: z.enum(['yes', 'no']), score: z.number().int() }).parse(JSON.parse(r.choices[0]!.message.content!))).toBeTruthy();
    }
  });

  it('tools: a forced call comes back as tool_calls, whole and streamed as deltas', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { enum: ['Paris', 'Rome'] }, unit: { enum: ['c', 'f'] } }, required: ['city', 'unit'] } } }];
    const Args = z.strictObject({ city: z.enum(['Paris', 'Rome']), unit: z.enum(['c', 'f']) });
    const args = { model, messages: [{ role: 'user' as const, content: 'Weather in Paris?' }], tools, tool_choice: { type: 'function' as const, function: { name: 'get_weather' } }, max_tokens: 200, seed: 7, temperature: 1 };
    const r = await t.client().chat.completions.create(args);
    expect(r.choices[0]!.finish_reason).toBe('tool_calls');
    const call = r.choices[0]!.message.tool_calls![0]! as { id: string; type: string; function: { name: string; arguments: string } };
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(Args.parse(JSON.parse(call.function.arguments))).toBeTruthy();

    const stream = await t.client().chat.completions.create({ ...args, stream: true });
    const deltas = [];
    let finish: string | null = null;
    for await (const c of stream) {
      for (const d of c.choices[0]?.delta.tool_calls ?? []) deltas.push(d);
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    expect(finish).toBe('tool_calls');
    expect(deltas[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
    expect(deltas[0]!.id).toMatch(/^call_/);
    expect(deltas.slice(1).every((d) => d.id === undefined && d.function?.name === undefined)).toBe(true);
    expect(Args.parse(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join('')))).toBeTruthy();

    // The call's result goes back as a tool message, and the model answers in text.
    const next = await t.client().chat.completions.create({ model, messages: [...args.messages, { role: 'assistant', content: null, tool_calls: [call as never] }, { role: 'tool', tool_call_id: call.id, content: '{"temp": 21}' }], tools, tool_choice: 'none', max_tokens: 3 });
    expect(next.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it('a client that aborts mid-stream stops its generation, and the next request is served', async () => {
    const held = await holdEngine();
    held.abort();
    await held.drained;
    await until(() => t.s.api.log({ limit: 1 })[0]?.status === 499);
    const aborted = t.s.api.log({ limit: 1 })[0]!;
    expect(aborted.note).toBe('client closed');
    // Stopped within moments of the abort, far short of its 3000-token budget.
    expect(aborted.completionTokens).toBeLessThan(1000);
    expect(t.s.api.queue.running).toBe(0);
    const began = Date.now();
    const r = await t.client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 });
    expect(r.usage!.completion_tokens).toBeGreaterThan(0);
    expect(Date.now() - began).toBeLessThan(10_000);
  });

  it('past 16 waiting requests the queue answers 429 with Retry-After; waiting clients that leave free their places', async () => {
    const held = await holdEngine();
    const waiting = Array.from({ length: 16 }, () => {
      const controller = new AbortController();
      const done = t.client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 1 }, { signal: controller.signal }).catch((e: unknown) => e);
      return { controller, done };
    });
    await until(() => t.s.api.queue.waiting === 16);
    const refused = await t.raw({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${t.key.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error).toMatchObject({ type: 'rate_limit_error', code: 'queue_full' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    for (const w of waiting) w.controller.abort();
    await Promise.all(waiting.map((w) => w.done));
    await until(() => t.s.api.queue.waiting === 0);
    held.abort();
    await held.drained;
    await until(() => t.s.api.queue.running === 0);
  });

  // The property as the user sees it. With one request at a time the engine's own order already gives it here;
  // the queue's yielding to a replying chat (so a person's next message is not put behind API traffic) is
  // guarded by createApiQueue.test.ts.
  it("an app chat's reply waits behind at most the one API request running, never behind queued ones", async () => {
    const held = await holdEngine();
    let apiDoneAt = 0;
    const queued = t.client().chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 2 }).then((r) => ((apiDoneAt = Date.now()), r));
    await until(() => t.s.api.queue.waiting === 1);
    const turn = await t.s.chat.turn({ newChat: { sampling: { maxTokens: 20 } }, modelId: model, action: { type: 'send', text: 'Hello from the app' } });
    held.abort();
    await held.drained;
    const reply = await t.s.chat.whenDone(turn.reply.id);
    const chatDoneAt = Date.now();
    expect(reply.status).toBe('complete');
    expect(apiDoneAt).toBe(0);
    await queued;
    expect(apiDoneAt).toBeGreaterThanOrEqual(chatDoneAt);
  });
});
