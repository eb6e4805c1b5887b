import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_SETTINGS } from '../../contract/index.js';
import { FIXTURE_DIR, fixturePath } from '../../../test/fixtures.js';
import { createEngineClient, type EngineClient } from './createEngineClient.js';
import { forkWorker } from './forkWorker.js';
import type { CompleteArgs, CompleteEvent } from './completeOps.js';

// One thread: the default of 4 on a 2-core machine is ~70x slower.
const settings = { ...DEFAULT_SETTINGS.engine, threads: 1 };
const tiny = { modelId: 'tiny', modelPath: fixturePath('tiny') };
// Practically never samples end-of-sequence: for a reply still streaming when it is stopped.
const small = { modelId: 'small', modelPath: fixturePath('small') };
const ask: CompleteArgs['messages'] = [
  { role: 'system', content: 'You answer in JSON.' },
  { role: 'user', content: 'Describe a pet.' },
];

/**
 * The schema the grammar gets, and the same shape in zod to check what comes out.
 * The maxLengths keep a random model's strings short enough to end; they are not
 * asserted on free text: llama.cpp's grammar decodes an invalid UTF-8 run (an
 * overlong sequence) as one character, which the text shows as several U+FFFD.
 */
const petSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 20 },
    born: { type: 'string', format: 'date' },
    kind: { enum: ['cat', 'dog', 'fish'] },
    age: { type: 'integer' },
    weight: { type: 'number' },
    tags: { type: 'array', items: { type: 'string', maxLength: 8 }, maxItems: 3 },
    vaccinated: { type: 'boolean' },
  },
  required: ['name', 'born', 'kind', 'age', 'weight', 'tags', 'vaccinated'],
  additionalProperties: false,
};
/** JSON Schema's maxLength counts code points, not UTF-16 units as zod's .max does. */
const upTo = (n: number) => z.string().refine((s) => [...s].length <= n, `at most ${n} characters`);
const Pet = z.strictObject({
  name: z.string(),
  // The grammar's date is the format's shape, not a calendar (02-31 passes), as JSON Schema treats format by default.
  born: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
  kind: z.enum(['cat', 'dog', 'fish']),
  age: z.number().int(),
  weight: z.number(),
  tags: z.array(z.string()).max(3),
  vaccinated: z.boolean(),
});

const weatherTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', maxLength: 30 }, unit: { enum: ['c', 'f'] }, days: { type: 'integer' }, hours: { type: 'array', items: { type: 'number' }, maxItems: 3 } },
    required: ['city', 'unit', 'days', 'hours'],
  },
};
const WeatherArgs = z.strictObject({ city: upTo(30), unit: z.enum(['c', 'f']), days: z.number().int(), hours: z.array(z.number()).max(3) });
const timeTool = { name: 'get_time', description: 'The time now', parameters: { type: 'object', properties: { zone: { type: 'string', maxLength: 10 } }, required: ['zone'] } };

describe('engine complete on generated models (random weights)', () => {
  let engine: EngineClient;
  beforeAll(() => {
    engine = createEngineClient({ spawnWorker: forkWorker, settings, env: { HEARTH_ENGINE_GPU: 'off' } });
  });
  afterAll(async () => {
    await engine.dispose();
  });

  it('holds a JSON schema: the output parses and validates, whatever the seed', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const deltas: string[] = [];
      const result = await engine.complete(
        { ...tiny, messages: ask, sampling: { seed, temperature: 1, maxTokens: 400 }, grammar: { type: 'json_schema', schema: petSchema } },
        { onEvent: (e) => e.type === 'delta' && deltas.push(e.text) },
      );
      expect(result.finishReason, `seed ${seed}: ${result.text}`).toBe('stop');
      const parsed = Pet.safeParse(JSON.parse(result.text));
      expect(parsed.success, `seed ${seed}: ${result.text}\n${parsed.error?.message}`).toBe(true);
      expect(deltas.join('')).toBe(result.text);
      expect(result.toolCalls).toEqual([]);
      expect(result.stats.completionTokens).toBeGreaterThan(5);
      expect(result.context.promptTokens).toBe(result.stats.promptTokens);
    }
  });

  it('json_object gives parseable JSON whenever it ends', async () => {
    // Free strings: a random model may not close one within tiny's context, so only ended replies are checked, and some must end.
    let ended = 0;
    for (const seed of [5, 6, 7, 8]) {
      const result = await engine.complete({ ...tiny, messages: ask, sampling: { seed, temperature: 1 }, grammar: { type: 'json_object' } }, {});
      if (result.finishReason === 'length') continue;
      expect(result.finishReason).toBe('stop');
      expect(JSON.parse(result.text), result.text).toBeTypeOf('object');
      ended++;
    }
    expect(ended).toBeGreaterThan(0);
  });

  it('a seed repeats the text, a stop string cuts it there, and the OpenAI penalties reach the sampler', async () => {
    const base = { ...small, messages: ask, sampling: { seed: 21, temperature: 0.9, maxTokens: 60 } };
    const a = await engine.complete(base, {});
    const b = await engine.complete(base, {});
    expect(b.text).toBe(a.text);
    expect(a.finishReason).toBe('length');
    const stopAt = a.text.slice(Math.floor(a.text.length / 2), Math.floor(a.text.length / 2) + 3);
    const cut = await engine.complete({ ...base, sampling: { ...base.sampling, stop: [stopAt] } }, {});
    expect(cut.finishReason).toBe('stop');
    expect(cut.text).toBe(a.text.slice(0, a.text.indexOf(stopAt)));
    const penalised = await engine.complete({ ...base, sampling: { ...base.sampling, frequencyPenalty: 2, presencePenalty: 2 } }, {});
    expect(penalised.text).not.toBe(a.text);
  });

  it('refuses a schema keyword the grammar would ignore, naming it', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 3 } } };
    await expect(engine.complete({ ...tiny, messages: ask, sampling: {}, grammar: { type: 'json_schema', schema } }, {})).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringContaining('"minimum"'),
    });
  });

  it('a forced tool call ({name} and required) returns arguments that parse against the tool schema, streamed as deltas', async () => {
    // Random weights would leave integers with exponents and numbers past Infinity under node-llama-cpp's own params grammar.
    for (const [seed, functionCall] of [
      [7, { name: 'get_weather' }],
      [8, 'required'],
      [9, { name: 'get_weather' }],
      [10, 'required'],
      [11, { name: 'get_weather' }],
      [12, 'required'],
    ] as const) {
      const events: CompleteEvent[] = [];
      const result = await engine.complete(
        // small: the functions' documentation does not fit tiny's 512-token context.
        { ...small, messages: [{ role: 'user', content: 'Weather in Paris?' }], sampling: { seed, temperature: 1, maxTokens: 300 }, functions: [weatherTool, timeTool], functionCall },
        { onEvent: (e) => events.push(e) },
      );
      expect(result.finishReason, JSON.stringify(result)).toBe('tool_calls');
      expect(result.toolCalls).toHaveLength(1);
      const [call] = result.toolCalls;
      if (functionCall === 'required') expect(['get_weather', 'get_time']).toContain(call!.name);
      else expect(call!.name).toBe('get_weather');
      const Args = call!.name === 'get_weather' ? WeatherArgs : z.object({ zone: upTo(10) });
      expect(Args.parse(JSON.parse(call!.arguments))).toBeTruthy();
      expect(call!.id).toMatch(/^call_/);
      const pieces = events.filter((e) => e.type === 'toolCall');
      expect(pieces.length).toBeGreaterThan(0);
      expect(pieces.every((p) => p.id === call!.id && p.name === call!.name && p.index === 0)).toBe(true);
      expect(JSON.parse(pieces.map((p) => p.argumentsDelta).join(''))).toEqual(JSON.parse(call!.arguments));
      // The call's name and arguments are not reply text.
      expect(events.filter((e) => e.type === 'delta')).toEqual([]);
      expect(result.text).toBe('');
    }
  });

  it('a forced call ignores stop strings (they are for text), ends as length when max tokens cut its arguments, and as aborted when stopped', async () => {
    const base = { ...small, messages: [{ role: 'user' as const, content: 'Weather?' }], functions: [weatherTool], functionCall: { name: 'get_weather' } };
    const quoted = await engine.complete({ ...base, sampling: { seed: 13, maxTokens: 300, stop: ['"', ','] } }, {});
    expect(quoted.finishReason).toBe('tool_calls');
    expect(WeatherArgs.safeParse(JSON.parse(quoted.toolCalls[0]!.arguments)).success).toBe(true);
    const cut = await engine.complete({ ...base, sampling: { seed: 13, maxTokens: 4 } }, {});
    expect(cut.finishReason).toBe('length');
    expect(cut.toolCalls).toEqual([]);
    const stopped = await engine.complete({ ...base, sampling: { seed: 13, maxTokens: 300 } }, { signal: AbortSignal.abort() });
    expect(stopped.finishReason).toBe('aborted');
    expect(stopped.toolCalls).toEqual([]);
  });

  it("'none' gives text and no call; a tool result in the history is accepted", async () => {
    const result = await engine.complete(
      {
        ...tiny,
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' }] },
          { role: 'tool', toolCallId: 'call_1', content: '{"temp": 21}' },
        ],
        sampling: { seed: 9, maxTokens: 20 },
        functions: [weatherTool],
        functionCall: 'none',
      },
      {},
    );
    expect(result.toolCalls).toEqual([]);
    expect(['stop', 'length']).toContain(result.finishReason);
    expect(result.stats.completionTokens).toBeGreaterThan(0);
  });

  it('refuses a tool message that answers no call, and tool_choice naming a missing tool', async () => {
    const orphan: CompleteArgs['messages'] = [{ role: 'user', content: 'Hi' }, { role: 'tool', toolCallId: 'nope', content: 'x' }];
    await expect(engine.complete({ ...tiny, messages: orphan, sampling: {} }, {})).rejects.toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringContaining('nope') });
    await expect(engine.complete({ ...tiny, messages: ask, sampling: {}, functions: [weatherTool], functionCall: { name: 'get_time' } }, {})).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringContaining('get_time'),
    });
  });

  it('an over-long prompt is PROMPT_TOO_LONG, not silently cut', async () => {
    const long = 'lorem ipsum dolor sit amet '.repeat(2000);
    await expect(engine.complete({ ...tiny, messages: [{ role: 'user', content: long }], sampling: { maxTokens: 4 } }, {})).rejects.toMatchObject({ code: 'PROMPT_TOO_LONG' });
  });

  it('abort mid-generation stops it, and the next call (and a chat generate) still work', async () => {
    const controller = new AbortController();
    let seen = 0;
    const started = performance.now();
    const aborted = await engine.complete(
      { ...small, messages: ask, sampling: { seed: 3, maxTokens: 3000 } },
      {
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'delta' && ++seen === 2) controller.abort();
        },
      },
    );
    expect(aborted.finishReason).toBe('aborted');
    expect(aborted.stats.completionTokens).toBeLessThan(3000);
    expect(performance.now() - started).toBeLessThan(60_000);

    const next = await engine.complete({ ...small, messages: ask, sampling: { seed: 3, maxTokens: 8 } }, {});
    expect(next.finishReason).toBe('length');
    expect(next.stats.completionTokens).toBe(8);
  });

  it('a chat generate after a complete on the same model gives the same reply as on a fresh engine (KV cache reuse intact)', async () => {
    const chatArgs = {
      ...tiny,
      system: 'You are a test.',
      history: [],
      olderOmitted: 0,
      message: { id: 'u1', role: 'user' as const, content: 'Hello there' },
      sampling: { seed: 11, maxTokens: 24, temperature: 0.9 },
    };
    const before = await engine.generate(chatArgs, { onEvent: () => {} });
    await engine.complete({ ...tiny, messages: ask, sampling: { seed: 1, maxTokens: 30 }, grammar: { type: 'json_object' } }, {});
    const after = await engine.generate(chatArgs, { onEvent: () => {} });
    expect(after.text).toBe(before.text);
    // And the other way round: a completion after a chat matches one after a completion.
    const c1 = await engine.complete({ ...tiny, messages: ask, sampling: { seed: 12, maxTokens: 24 } }, {});
    await engine.generate(chatArgs, { onEvent: () => {} });
    const c2 = await engine.complete({ ...tiny, messages: ask, sampling: { seed: 12, maxTokens: 24 } }, {});
    expect(c2.text).toBe(c1.text);
  });
});

// Family fixtures carry the family's real template: its own tool syntax (Qwen's <tool_call>, gpt-oss's harmony channels)
// and, for the reasoning families, a thinking segment the grammar must not fight with.
const families = ['qwen2.5', 'qwen3', 'deepseek-r1-distill-qwen', 'gpt-oss'].map((name) => ({ name, path: `${FIXTURE_DIR}/families/${name}.gguf` }));
describe.skipIf(!families.every((f) => fs.existsSync(f.path)))('engine complete with real chat templates (family fixtures)', () => {
  let engine: EngineClient;
  beforeAll(() => {
    engine = createEngineClient({ spawnWorker: forkWorker, settings, env: { HEARTH_ENGINE_GPU: 'off' } });
  });
  afterAll(async () => {
    await engine.dispose();
  });

  it.each(families)("$name: a JSON schema holds and a forced call goes through the template's tool syntax", async ({ name, path }) => {
    const ref = { modelId: name, modelPath: path };
    const small = z.strictObject({ a: z.number().int(), b: z.enum(['x', 'y']) });
    const schema = { type: 'object', properties: { a: { type: 'integer' }, b: { enum: ['x', 'y'] } }, required: ['a', 'b'], additionalProperties: false };
    const json = await engine.complete({ ...ref, messages: [{ role: 'user', content: 'Pick.' }], sampling: { seed: 1, maxTokens: 200 }, grammar: { type: 'json_schema', schema } }, {});
    expect(json.finishReason, json.text).toBe('stop');
    expect(small.safeParse(JSON.parse(json.text)).success, json.text).toBe(true);
    const call = await engine.complete(
      { ...ref, messages: [{ role: 'user', content: 'Weather in Paris?' }], sampling: { seed: 1, maxTokens: 300 }, functions: [weatherTool], functionCall: 'required' },
      {},
    );
    expect(call.finishReason, JSON.stringify(call)).toBe('tool_calls');
    expect(WeatherArgs.safeParse(JSON.parse(call.toolCalls[0]!.arguments)).success, call.toolCalls[0]!.arguments).toBe(true);
  });
});
