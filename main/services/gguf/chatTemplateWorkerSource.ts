/**
 * The body of the worker thread checkChatTemplate runs a chat template in.
 * Plain CommonJS in a string, run with `eval: true`: a worker cannot load
 * TypeScript under tsx or vitest, and a function's own source is unusable
 * after transpilers add helpers to it. It uses the same Jinja engine
 * node-llama-cpp renders with (@huggingface/jinja, resolved by the parent).
 *
 * Protocol: posts {kind: 'ready'} once the engine is loaded (the parent's
 * render clock starts then, so a slow start on a busy machine is never taken
 * for a hostile template), then one {kind: 'verdict', ...}.
 */
export const CHAT_TEMPLATE_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { template, jinjaPath, limits, samples, longChat } = workerData;
const { Template, Interpreter, Environment } = require(jinjaPath);
parentPort.postMessage({ kind: 'ready' });

// Counts the interpreter's steps (every node it evaluates) so a render's cost
// is measured in work done, which a busy machine cannot blur the way it blurs
// milliseconds, and so a render can be cut off at a budget instead of running
// until the parent's deadline kills the whole worker.
const OVER_BUDGET = Symbol('over budget');
let steps = 0;
let budget = Infinity;
const evaluate = Interpreter.prototype.evaluate;
Interpreter.prototype.evaluate = function countedEvaluate(statement, environment) {
  if (++steps > budget) throw OVER_BUDGET;
  return evaluate.call(this, statement, environment);
};

const FORBIDDEN = /^(__\w*__|constructor|prototype|mro|func_globals|gi_frame|f_globals)$/;
const hostile = (reason) => ({ kind: 'verdict', ok: false, hostile: true, reason });
const unusable = (reason) => ({ kind: 'verdict', ok: false, hostile: false, reason });
const isStackOverflow = (e) => e instanceof RangeError && /call stack/i.test(String(e && e.message));
const isHugeString = (e) => e instanceof RangeError && /string length|array length|allocation/i.test(String(e && e.message));

// Folds the integer and string constants an expression is made of, so
// 'a' * (10 ** 9) and range(10 ** 12) are seen before anything runs.
function constant(node, depth) {
  if (!node || depth > 32) return undefined;
  switch (node.type) {
    case 'IntegerLiteral': case 'FloatLiteral': case 'StringLiteral': return node.value;
    case 'UnaryExpression': {
      const v = constant(node.argument, depth + 1);
      return typeof v === 'number' && node.operator.value === '-' ? -v : v;
    }
    case 'BinaryExpression': {
      const a = constant(node.left, depth + 1);
      const b = constant(node.right, depth + 1);
      if (a === undefined || b === undefined) return undefined;
      const op = node.operator.value;
      if (typeof a === 'string' || typeof b === 'string') return op === '~' || op === '+' ? String(a) + String(b) : undefined;
      if (op === '*') return a * b;
      if (op === '**') return a ** b;
      if (op === '+') return a + b;
      if (op === '-') return a - b;
      return undefined;
    }
    default: return undefined;
  }
}

function propertyName(node) {
  if (node.type === 'MemberExpression') {
    return node.computed ? constant(node.property, 0) : node.property && node.property.value;
  }
  return undefined;
}

/** Walks the syntax tree without recursion: a template nested 10,000 deep must not overflow this walker. */
function inspect(program) {
  const stack = [[program, 0]];
  const macros = new Map();
  let nodes = 0;
  while (stack.length) {
    const [node, depth] = stack.pop();
    if (++nodes > limits.maxNodes) return hostile('it has more than ' + limits.maxNodes + ' syntax nodes');
    if (depth > limits.maxDepth) return hostile('it nests more than ' + limits.maxDepth + ' levels deep');
    const t = node.type;
    if (t === 'Identifier' && FORBIDDEN.test(node.value)) return hostile('it refers to ' + node.value + ', an interpreter internal no chat template needs');
    const prop = propertyName(node);
    if (typeof prop === 'string' && FORBIDDEN.test(prop)) return hostile('it reaches for .' + prop + ', an interpreter internal no chat template needs');
    if (t === 'FilterExpression' && node.filter.type === 'CallExpression' && node.filter.callee.value === 'attr') {
      const name = constant(node.filter.args[0], 0);
      if (typeof name !== 'string' || FORBIDDEN.test(name)) return hostile('it reads an attribute through |attr(), which no chat template needs');
    }
    if (t === 'Macro') macros.set(node.name.value, node);
    if (t === 'BinaryExpression' && node.operator.value === '*') {
      for (const side of [node.left, node.right]) {
        const v = constant(side, 0);
        if (typeof v === 'number' && Math.abs(v) > limits.maxRepeat) return hostile('it repeats a value ' + v + ' times');
      }
    }
    if (t === 'BinaryExpression' && node.operator.value === '**') {
      const v = constant(node, 0);
      if (typeof v === 'number' && Math.abs(v) > limits.maxRepeat) return hostile('it computes ' + v + ', a number no chat template needs');
    }
    if (t === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.value === 'range') {
      for (const arg of node.args) {
        const v = constant(arg, 0);
        if (typeof v === 'number' && Math.abs(v) > limits.maxRange) return hostile('it loops over range(' + v + ')');
      }
    }
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (key === 'operator' || child === null || typeof child !== 'object') continue;
      if (Array.isArray(child)) { for (const c of child) if (c && typeof c === 'object' && typeof c.type === 'string') stack.push([c, depth + 1]); }
      else if (child instanceof Map) { for (const [k, v] of child) { stack.push([k, depth + 1]); stack.push([v, depth + 1]); } }
      else if (typeof child.type === 'string') stack.push([child, depth + 1]);
    }
  }
  // Macros that reach themselves through calls made whatever the data (outside any if, for or
  // conditional expression) recurse without bound. Calls under a condition are left to the renders below:
  // real templates recurse over data that way (gpt-oss and Gemma 4 render a tool's JSON schema), bounded
  // by the data's depth, and the renders count every step.
  const calls = new Map();
  for (const [name, macro] of macros) {
    const called = new Set();
    const todo = [...macro.body];
    while (todo.length) {
      const n = todo.pop();
      if (GUARDS.has(n.type)) continue;
      if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && macros.has(n.callee.value)) called.add(n.callee.value);
      for (const key of Object.keys(n)) {
        const c = n[key];
        if (key === 'operator' || c === null || typeof c !== 'object') continue;
        if (Array.isArray(c)) { for (const x of c) if (x && typeof x.type === 'string') todo.push(x); }
        else if (c instanceof Map) { for (const [k, v] of c) todo.push(k, v); }
        else if (typeof c.type === 'string') todo.push(c);
      }
    }
    calls.set(name, called);
  }
  for (const start of macros.keys()) {
    const seen = new Set();
    const todo = [...calls.get(start)];
    while (todo.length) {
      const next = todo.pop();
      if (next === start) return hostile('its macro ' + start + ' calls itself whatever the data');
      if (seen.has(next)) continue;
      seen.add(next);
      todo.push(...calls.get(next));
    }
  }
  return null;
}

const GUARDS = new Set(['If', 'For', 'Ternary', 'TernaryExpression', 'SelectExpression']);

// range() builds its whole list in one native call, before any step is
// counted: range((messages|length) ** 7) would grow one array until V8 aborts
// the whole process (a worker's heap limit does not catch that path). So the
// list's length is charged to the budget before it is built, by this range()
// put in the built-in's place when the renderer sets up its globals.
function boundedRange(start, stop, step) {
  if (stop === undefined || stop === null) { stop = start; start = 0; }
  if (step === undefined || step === null) step = 1;
  if (step === 0) throw new Error('range() step must not be zero');
  const length = Math.max(0, Math.ceil((stop - start) / step));
  steps += length;
  if (!(steps <= budget)) throw OVER_BUDGET;
  return Array.from({ length }, (_, i) => start + i * step);
}

const set = Environment.prototype.set;
Environment.prototype.set = function setWithBoundedRange(name, value) {
  return set.call(this, name, name === 'range' && typeof value === 'function' ? boundedRange : value);
};

/** One render with a step budget: {out, steps, bytes} or {error}; running out of budget is {over: true}. */
function measure(compiled, sample, maxSteps) {
  steps = 0;
  budget = maxSteps;
  try {
    const out = compiled.render(sample);
    return { out, steps, bytes: Buffer.byteLength(out, 'utf8') };
  } catch (e) {
    if (e === OVER_BUDGET) return { over: true, steps };
    return { error: e };
  } finally {
    budget = Infinity;
  }
}

const chatBytes = (sample) => sample.messages.reduce((n, m) => n + Buffer.byteLength(m.content, 'utf8'), 0);

/**
 * The trial that catches a template whose cost depends on the conversation
 * (range((messages|length) ** 7) is cheap for four messages and endless for a
 * few hundred): render a long chat of the same shape as the short one that
 * worked, and refuse the template when its steps or its output grow faster
 * than the conversation did.
 */
function scaling(compiled, short, shortSample) {
  const long = shortSample.messages[0].role === 'system' ? longChat.withSystem : longChat.withoutSystem;
  const n = shortSample.messages.length;
  const N = long.messages.length;
  // Real templates are often quadratic in the message count (Gemma 4 looks
  // back over the conversation for each message), and Hearth renders only the
  // messages that fit the context: up to quadratic growth is allowed (the ratio
  // squared, times maxGrowth for slack), anything steeper is refused. The
  // allowance is the long render's budget, so a template that outgrows it is
  // stopped there instead of running on.
  const allowedSteps = Math.ceil(limits.maxGrowth * (N / n) ** 2 * short.steps);
  const r = measure(compiled, long, Math.min(allowedSteps, limits.maxSteps));
  if (r.over && allowedSteps < limits.maxSteps) {
    return hostile('its cost grows faster than the square of the conversation: ' + short.steps + ' steps for ' + n + ' messages, over ' + allowedSteps + ' for ' + N);
  }
  if (r.over) return hostile('rendering a ' + N + '-message conversation takes more than ' + limits.maxSteps + ' steps (' + short.steps + ' for ' + n + ' messages)');
  if (r.error) {
    if (isStackOverflow(r.error)) return hostile('rendering a long conversation recurses without bound');
    if (isHugeString(r.error)) return hostile('rendering a long conversation builds a value too large for memory');
    // A template that refuses long chats is broken for them, but fast: not a hang.
    return null;
  }
  const allowedBytes = limits.maxGrowth * chatBytes(long) + limits.maxOutputBytes;
  if (r.bytes > allowedBytes) {
    return hostile('its output grows faster than the conversation: ' + r.bytes + ' bytes for a ' + N + '-message conversation of ' + chatBytes(long) + ' bytes');
  }
  return null;
}

function run() {
  let compiled;
  try {
    compiled = new Template(template);
  } catch (e) {
    if (isStackOverflow(e)) return hostile('it nests too deeply to parse');
    return unusable('it does not parse: ' + String(e && e.message).slice(0, 200));
  }
  const found = inspect(compiled.parsed);
  if (found) return found;
  let lastError = null;
  for (const sample of samples) {
    const r = measure(compiled, sample, limits.maxSteps);
    if (r.over) return hostile('rendering a ' + sample.messages.length + '-message conversation takes more than ' + limits.maxSteps + ' steps');
    if (r.error) {
      if (isStackOverflow(r.error)) return hostile('rendering it recurses without bound');
      if (isHugeString(r.error)) return hostile('rendering it builds a value too large for memory');
      lastError = r.error;
      continue;
    }
    if (r.bytes > limits.maxOutputBytes) return hostile('it renders ' + r.bytes + ' bytes for a ' + sample.messages.length + '-message conversation');
    const grows = scaling(compiled, r, sample);
    if (grows) return grows;
    return { kind: 'verdict', ok: true, outputBytes: r.bytes, steps: r.steps };
  }
  return unusable('it fails to render a sample conversation: ' + String(lastError && lastError.message).slice(0, 200));
}

parentPort.postMessage(run());
`;
