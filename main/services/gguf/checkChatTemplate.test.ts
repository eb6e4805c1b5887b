import { describe, expect, it } from 'vitest';
import { checkChatTemplate, type TemplateCheckLimits } from './checkChatTemplate.js';

const CHATML =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
/** Llama 2's template: refuses a system message out of place and alternating roles, with raise_exception. */
const LLAMA2 =
  "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}" +
  "{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}" +
  "{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}{% else %}{% set content = message['content'] %}{% endif %}" +
  "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ ' ' + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}";
/** Gemma's: no system role at all, so it raises on the first sample and must pass on the second. */
const GEMMA =
  "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}" +
  "{% for message in messages %}{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}" +
  "{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\\n'}}{% endif %}";
/** Namespaces, macros, loops over a bounded range, filters: what tool-calling templates use. */
const BUSY =
  "{% macro render(m) %}{{ m.role | upper }}: {{ m.content }}{% endmacro %}{% set ns = namespace(n=0) %}" +
  "{% for m in messages %}{% set ns.n = ns.n + 1 %}{{ render(m) }}{% for i in range(3) %}.{% endfor %}\\n{% endfor %}{{ ns.n }}{{ messages | length }}{{ (messages | last).content | trim }}";

describe('checkChatTemplate', () => {
  it.each([
    ['ChatML', CHATML],
    ['Llama 2', LLAMA2],
    ['Gemma (no system role)', GEMMA],
    ['macros, namespaces and small loops', BUSY],
  ])('passes %s', async (_label, template) => {
    const verdict = await checkChatTemplate(template);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.ok && verdict.outputBytes).toBeGreaterThan(20);
  });

  it.each([
    ['a billion-step loop', '{% for i in range(10 ** 9) %}x{% endfor %}', /loops over range\(1000000000\)/],
    ['a loop that only runs long', '{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}', /takes longer than \d+ ms/],
    ['huge repetition', "{{ 'x' * 10 ** 8 }}", /repeats a value 100000000 times/],
    ['exponential growth', "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}", /too large for memory|more than \d+ MB|takes longer/],
    ['a huge output', `{% for i in range(50000) %}{{ '${'y'.repeat(100)}' }}{% endfor %}`, /renders \d+ bytes|takes longer/],
    ['Python internals', "{{ ''.__class__.__mro__ }}", /__class__|__mro__/],
    ['JavaScript internals', "{{ messages['constr' ~ 'uctor'] }}", /constructor/],
    // Parsing 30,000 parentheses on a loaded machine can outlast the render deadline; the reason is the point here.
    ['deep nesting', `{{ ${'('.repeat(30_000)}1${')'.repeat(30_000)} }}`, /nest/, { timeoutMs: 10_000 }],
  ])('calls %s hostile', async (_label, template, reason, limits?: Partial<TemplateCheckLimits>) => {
    const verdict = await checkChatTemplate(template, limits);
    expect(verdict).toMatchObject({ ok: false, hostile: true });
    expect(!verdict.ok && verdict.reason).toMatch(reason);
  });

  // Cheap on the four-message sample, ruinous on a long chat: only the long trial sees them.
  it.each([
    ['a loop bound by a power of the message count', '{% for i in range((messages|length) ** 7) %}x{% endfor %}', /takes more than \d+ steps|too large for memory|more than \d+ MB|takes longer/],
    ['three loops over the messages, one inside another', '{% for m in messages %}{% for n in messages %}{% for o in messages %}{{ o.role[0] }}{% endfor %}{% endfor %}{% endfor %}', /cost grows faster than the square of the conversation: \d+ steps for 4 messages, over \d+ for 200|takes more than \d+ steps/],
    ['a loop bound by the cube of the message count', '{% for i in range((messages|length) * (messages|length) * (messages|length)) %}.{% endfor %}', /cost grows faster than the square of the conversation|takes more than \d+ steps/],
    ['a loop bound by a power of a message\'s length', '{% for i in range(((messages|last).content|length) ** 3) %}{% endfor %}{% for m in messages %}{% for i in range((m.content|length) ** 2) %}{% endfor %}{% endfor %}', /takes more than \d+ steps|too large for memory|more than \d+ MB|takes longer|grows faster/],
    ['every message echoed once per message', '{% for m in messages %}{{ messages | map(attribute=\'content\') | join(\'\') }}{% endfor %}', /output grows faster than the conversation|cost grows faster/],
  ])('calls %s hostile, after rendering a long chat', async (_label, template, reason) => {
    // A generous deadline, so the verdict comes from the counted steps and bytes, not from a busy machine's clock.
    const verdict = await checkChatTemplate(template, { timeoutMs: 10_000 });
    expect(verdict).toMatchObject({ ok: false, hostile: true });
    expect(!verdict.ok && verdict.reason).toMatch(reason);
  });

  it('refuses macros that call themselves whatever the data, and runs recursion under a condition (a tool schema walked to its depth)', async () => {
    await expect(checkChatTemplate('{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}')).resolves.toMatchObject({ ok: false, hostile: true, reason: 'its macro f calls itself whatever the data' });
    await expect(checkChatTemplate('{% macro f(n) %}{{ g(n) }}{% endmacro %}{% macro g(n) %}{{ f(n) }}{% endmacro %}{{ f(0) }}')).resolves.toMatchObject({ ok: false, hostile: true });
    const bounded = '{% macro depth(v, n) %}{% if v is mapping %}{% for k in v %}{{ depth(v[k], n + 1) }}{% endfor %}{% else %}{{ n }}{% endif %}{% endmacro %}{{ depth({"a": {"b": 1}}, 0) }}{% for m in messages %}{{ m.content }}{% endfor %}';
    await expect(checkChatTemplate(bounded, { timeoutMs: 10_000 })).resolves.toMatchObject({ ok: true });
  });

  it('accepts work that grows with the square of the conversation, as real templates do (Gemma 4 looks back over the chat per message)', async () => {
    const quadratic = '{% for m in messages %}{% for n in messages %}{{ n.role[0] }}{% endfor %}{% endfor %}';
    expect(await checkChatTemplate(quadratic, { timeoutMs: 10_000 })).toMatchObject({ ok: true });
  });

  it('measures the long trial in steps that grow with the conversation, within the budget for real templates', async () => {
    for (const template of [CHATML, LLAMA2, GEMMA, BUSY]) {
      const verdict = await checkChatTemplate(template, { maxGrowth: 2, timeoutMs: 10_000 });
      expect(verdict, template.slice(0, 40)).toMatchObject({ ok: true });
      expect(verdict.ok && verdict.steps).toBeGreaterThan(10);
    }
    // The budget is the one thing between a long chat and an endless loop: a tiny one refuses even ChatML.
    await expect(checkChatTemplate(CHATML, { maxSteps: 500, timeoutMs: 10_000 })).resolves.toMatchObject({ ok: false, hostile: true, reason: expect.stringMatching(/200-message conversation takes more than 500 steps/) });
  });

  it('calls a template it cannot parse or render unusable, not hostile', async () => {
    await expect(checkChatTemplate('{% for %}')).resolves.toMatchObject({ ok: false, hostile: false, reason: expect.stringMatching(/does not parse/) });
    await expect(checkChatTemplate("{{ raise_exception('no') }}")).resolves.toMatchObject({ ok: false, hostile: false, reason: expect.stringMatching(/fails to render a sample conversation: no/) });
    // A recursive loop: not a construct this renderer knows, so never handed to one that might.
    await expect(checkChatTemplate('{% for m in messages recursive %}{{ loop(messages) }}{% endfor %}')).resolves.toMatchObject({ ok: false });
  });

  it('stays within its deadline whatever the template does, and leaves this process alone', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    await checkChatTemplate("{% set ns = namespace(l=[0]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l | length }}");
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
  });
});
