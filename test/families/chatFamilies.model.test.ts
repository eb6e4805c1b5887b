import fs from 'node:fs';
import { Template } from '@huggingface/jinja';
import { getLlama, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReply } from '../../main/services/engine/generateReply.js';
import { thoughtProfile } from '../../main/services/engine/thoughtMarkers.js';
import { checkChatTemplate } from '../../main/services/gguf/checkChatTemplate.js';
import { describeModelFamily } from '../../main/services/library/registry/describeModelFamily.js';
import { TokenCounts } from '../../main/services/engine/fitPrompt.js';
import { ensureFamilyFixture, familyFiles } from './familyFixture.js';
import { FAMILY_SPECS, type FamilySpec } from './familySpecs.js';
import { hearthPrompt, hearthWrapper, LAST, sameTokens, SYSTEM, TURNS } from './hearthPrompt.js';
import { ensureLlamaSource } from './llamaSource.js';

const source = ensureLlamaSource();
let llama: Llama;

beforeAll(async () => {
  if (source) llama = await getLlama({ gpu: false });
});
afterAll(async () => {
  await llama?.dispose();
});

/** The chat as the family's own template renders it, through @huggingface/jinja (node-llama-cpp's renderer). */
function renderTemplate(spec: FamilySpec, template: string, model: LlamaModel, variables: Record<string, unknown> = {}): string {
  const turns = [...TURNS, LAST].map((t) => ({ role: t.role, content: t.content }));
  const messages = spec.foldSystem ? [{ role: 'user', content: spec.foldSystem(SYSTEM, turns[0]!.content) }, ...turns.slice(1)] : [{ role: 'system', content: SYSTEM }, ...turns];
  return new Template(template).render({
    messages,
    add_generation_prompt: true,
    bos_token: model.tokens.bosString ?? '',
    eos_token: model.tokens.eosString ?? '',
    ...spec.render,
    ...variables,
  });
}

for (const spec of FAMILY_SPECS) {
  const files = source ? familyFiles(source, spec) : null;
  describe.skipIf(!files)(`${spec.id} (${spec.template}${spec.note ? `; ${spec.note}` : ''})`, () => {
    let model: LlamaModel;
    let template: string;
    // Resolving a wrapper renders the template against each candidate: once per family.
    let resolved: ReturnType<typeof hearthWrapper>;
    let hearth: ReturnType<typeof hearthPrompt>;
    beforeAll(async () => {
      const file = await ensureFamilyFixture(source!, spec);
      template = fs.readFileSync(files!.templateFile, 'utf8');
      model = await llama.loadModel({ modelPath: file });
      resolved = hearthWrapper(model);
      hearth = hearthPrompt(model, resolved.wrapper);
    });
    afterAll(async () => {
      await model?.dispose();
    });

    it(`gets node-llama-cpp's ${spec.wrapper} chat wrapper, with no fallback`, () => {
      expect(resolved.wrapper.wrapperName).toBe(spec.wrapper);
      expect(resolved.warnings).toEqual([]);
    });

    it("passes Hearth's bounded template trial, so the engine runs the template (no plain-text fallback in models info)", async () => {
      // A generous deadline: on a busy machine the clock, not the template, would decide; steps and bytes are the point.
      const verdict = await checkChatTemplate(template, { timeoutMs: 10_000 });
      expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true });
      const family = await describeModelFamily(
        { id: spec.id, name: spec.id, path: files!.vocabFile, source: 'link', sizeBytes: 1, sha256: null, architecture: 'llama', parameters: null, quantization: 'Q4_0', contextLength: 4096, hasChatTemplate: true, role: 'chat', addedAt: 0, broken: null },
        { fit: null, loaded: undefined, catalog: [], readFile: async () => ({ template, licence: null }), checkTemplate: (t) => checkChatTemplate(t, { timeoutMs: 10_000 }) },
      );
      expect(family.templateFallback).toBeNull();
    });

    it('renders a three-turn chat with a system prompt as the template does', () => {
      let text = hearth.text;
      // Each known difference is spelled out in the spec: anything else fails.
      for (const d of spec.differences ?? []) {
        expect(text, d.why).toContain(d.wrapper);
        text = text.replace(d.wrapper, d.template);
      }
      expect(text).toBe(renderTemplate(spec, template, model));
      // What the generate path sends is that text, tokenized piece by piece (see tokensMatch)...
      const wrapperTokens = hearth.contextText.tokenize(model.tokenizer);
      // ...where Hearth reshapes the prompt's end (a thought block cut or added), the same tokens up to it.
      expect(hearth.text !== hearth.wrapperText, 'the prompt end is reshaped').toBe(spec.reshaped === true);
      const shared = spec.reshaped ? Math.min(hearth.tokens.length, wrapperTokens.length) : Infinity;
      expect(sameTokens(hearth.tokens.slice(0, shared), wrapperTokens.slice(0, shared))).toBe(true);
    });

    it('renders thinking off as the template does with enable_thinking false, where the family has a switch', (ctx) => {
      const profile = thoughtProfile(model, resolved.wrapper);
      if (!profile?.switch) return ctx.skip();
      const off = hearthPrompt(model, resolved.wrapper, 'off');
      expect(off.text).toBe(renderTemplate(spec, template, model, { enable_thinking: false }));
      if (spec.tokensMatch !== false) expect(sameTokens(off.tokens, model.tokenize(off.text, true))).toBe(true);
    });

    it(`tokenizes the prompt ${spec.tokensMatch === false ? 'differently from' : 'exactly as'} llama.cpp tokenizes the template's text`, () => {
      const whole = model.tokenize(renderTemplate(spec, template, model), true);
      if (spec.differences?.length) return; // the texts differ by design; covered above
      expect(sameTokens(hearth.tokens, whole)).toBe(spec.tokensMatch !== false);
    });

    it(`stops a reply at ${spec.endOfTurn}`, () => {
      const eot = model.tokenize(spec.endOfTurn, true);
      expect(eot, `${spec.endOfTurn} is one token`).toHaveLength(1);
      // The wrapper asks to stop there (some triggers add the newline that follows)...
      const triggers = hearth.wrapperTriggers.map((t) => t.tokenize(model.tokenizer));
      expect(triggers.some((t) => t[0] === eot[0]), JSON.stringify(triggers)).toBe(true);
      // ...and the generate loop does: llama.cpp ends evaluation on an end-of-generation token, else a token trigger matches it.
      const ends = model.isEogToken(eot[0]!) || hearth.stopTriggers.tokens.some((t) => sameTokens(t, eot));
      expect(ends).toBe(true);
    });

    it('generates a reply through the engine generate path', async () => {
      const { wrapper } = resolved;
      // A small batch: the logits buffer is vocabulary x batch, and these vocabularies reach 262k tokens.
      const context = await model.createContext({ contextSize: 1024, batchSize: 128, threads: 1 });
      try {
        const sequence = context.getSequence();
        const result = await generateReply(
          { modelId: spec.id, model, chatWrapper: wrapper, contextSize: 1024, tokenCounts: new TokenCounts(), sequence },
          { system: SYSTEM, history: TURNS, olderOmitted: 0, message: LAST, sampling: { maxTokens: 8, seed: 1 } },
          { signal: new AbortController().signal, onText: () => {}, backend: 'cpu', threads: 1, startedAt: performance.now() },
        );
        expect(['eos', 'stop', 'length']).toContain(result.finishReason);
        expect(result.stats.promptTokens).toBe(hearth.tokens.length);
      } finally {
        await context.dispose();
      }
    });
  });
}

describe.skipIf(source !== null)('chat families', () => {
  it('are skipped: node-llama-cpp ships no llama.cpp source bundle here', () => {
    expect(source).toBeNull();
  });
});
