import { gguf } from '../fixtures/encodeGgufHeader.js';
import { minimalGguf } from '../fixtures/minimalGguf.js';
import type { MalformedCase } from './MalformedCase.js';

/** The reasons checkChatTemplate gives; any of them refuses the model. */
const UNSAFE = 'its chat template is unsafe to run';

const nest = (open: string, close: string, depth: number, inner: string) => open.repeat(depth) + inner + close.repeat(depth);

/**
 * Jinja chat templates built to hang, exhaust memory, overflow the stack or
 * reach interpreter internals (the Python-Jinja sandbox escapes, and their
 * JavaScript equivalents). Every one must be refused before any renderer in a
 * process that matters sees it.
 */
const TEMPLATES: Array<[slug: string, what: string, template: string, expect?: string]> = [
  ['range-1e9', 'a loop over range(1000000000)', '{% for i in range(1000000000) %}x{% endfor %}'],
  ['range-power', 'a loop over range(10 ** 12)', '{% for i in range(10 ** 12) %}{% endfor %}'],
  ['range-negative-step', 'range(0, -10 ** 9, -1)', '{% for i in range(0, -10 ** 9, -1) %}{% endfor %}'],
  ['nested-loops', 'three nested loops of 1,000', nest('{% for i in range(1000) %}', '{% endfor %}', 3, '')],
  ['nested-loops-output', 'two nested loops of 5,000 that print', nest('{% for i in range(5000) %}', '{% endfor %}', 2, 'xxxxxxxx')],
  ['loop-over-messages-huge', 'a loop of 100,000 inside a loop over the messages', '{% for m in messages %}{% for i in range(100000) %}{{ m.content }}{% endfor %}{% endfor %}'],
  ['string-times-1e9', "'a' * 1000000000", "{{ 'a' * 1000000000 }}"],
  ['string-times-power', "'a' * (10 ** 9)", "{{ 'a' * (10 ** 9) }}"],
  ['times-string', "1000000000 * 'ab'", "{{ 1000000000 * 'ab' }}"],
  ['list-times', 'messages * 100000000', '{{ messages * 100000000 }}'],
  ['doubling', 'a string doubled 40 times in a loop', "{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"],
  ['doubling-list', 'a list doubled 40 times', "{% set ns = namespace(l=[1, 2]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}{{ ns.l | length }}"],
  ['output-flood', '90,000 lines of 100 characters', "{% for i in range(90000) %}{{ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }}{% endfor %}"],
  // Cheap for the short sample chat, ruinous as a conversation grows: refused by the long trial render.
  ['messages-power', 'a loop of (messages|length) ** 7', '{% for i in range((messages|length) ** 7) %}x{% endfor %}'],
  ['messages-cubed', 'three nested loops over the messages', '{% for m in messages %}{% for n in messages %}{% for o in messages %}{{ o.role[0] }}{% endfor %}{% endfor %}{% endfor %}'],
  ['content-length-power', "a loop of (a message's length) ** 2", '{% for m in messages %}{% for i in range((m.content|length) ** 2) %}{% endfor %}{% endfor %}'],
  ['messages-echo-each', 'every message repeated once per message', "{% for m in messages %}{{ messages | map(attribute='content') | join('') }}{% endfor %}"],
  ['macro-recursion', 'a macro that calls itself', '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}'],
  ['mutual-recursion', 'two macros that call each other', '{% macro f(n) %}{{ g(n) }}{% endmacro %}{% macro g(n) %}{{ f(n) }}{% endmacro %}{{ f(0) }}'],
  ['deep-parens', '20,000 nested parentheses', `{{ ${nest('(', ')', 20_000, '1')} }}`],
  ['deep-lists', '20,000 nested list literals', `{{ ${nest('[', ']', 20_000, '1')} }}`],
  ['deep-ifs', '3,000 nested if blocks', nest('{% if true %}', '{% endif %}', 3000, 'x')],
  ['deep-fors', '1,000 nested for loops over the messages', nest('{% for m in messages %}', '{% endfor %}', 1000, '{{ m.content }}')],
  ['dunder-class', 'messages.__class__', '{{ messages.__class__ }}'],
  ['subclasses', "the classic ''.__class__.__mro__[1].__subclasses__()", "{{ ''.__class__.__mro__[1].__subclasses__() }}"],
  ['cycler-globals', 'cycler.__init__.__globals__.os', "{{ cycler.__init__.__globals__.os.popen('id').read() }}"],
  ['lipsum-globals', 'lipsum.__globals__', "{{ lipsum.__globals__['os'] }}"],
  ['self-init', 'self.__init__.__globals__', '{{ self.__init__.__globals__ }}'],
  ['builtins', 'a bare __builtins__', '{{ __builtins__ }}'],
  ['js-constructor', "''.constructor.constructor('return process')()", "{{ ''.constructor.constructor('return process')() }}"],
  ['proto-index', "messages['__proto__']", "{{ messages['__proto__'] }}"],
  ['proto-concat', "messages['__pro' ~ 'to__']", "{{ messages['__pro' ~ 'to__'] }}"],
  ['prototype', 'messages.prototype', '{{ messages.prototype }}'],
  ['attr-filter', "messages|attr('__class__')", "{{ messages | attr('__class__') }}"],
  ['attr-filter-dynamic', 'messages|attr(x) with a computed name', "{% set x = messages[0].role %}{{ messages | attr(x) }}"],
  ['mro-in-loop', '__mro__ reached inside a loop over the messages', '{% for m in messages %}{{ m.__class__.__mro__ }}{% endfor %}'],
  ['over-1mib', 'a template of 1 MiB + 1 byte', `{# ${'x'.repeat(1024 * 1024 - 5)} #}`, 'tokenizer\\.chat_template is 1\\.0 MiB, over the limit'],
];

export function templateCases(): MalformedCase[] {
  return TEMPLATES.map(([slug, what, template, expect]) => ({
    kind: 'chat-template',
    slug,
    what,
    bytes: minimalGguf({ set: { 'tokenizer.chat_template': gguf.str(template) } }),
    expect: expect ?? UNSAFE,
  }));
}
