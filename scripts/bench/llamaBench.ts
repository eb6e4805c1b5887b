import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * llama.cpp's own llama-bench, built from the source node-llama-cpp ships
 * (llama/gitRelease.bundle) and run against node-llama-cpp's prebuilt
 * libraries, so both sides use the very same ggml and CPU variant. Only the
 * llama-bench program is compiled (GGML_CPU=OFF: the CPU backends are the
 * prebuilt ones, loaded dynamically); nothing extracted is ever committed.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../../.cache/llama-bench');
const require = createRequire(import.meta.url);

export interface LlamaBenchRun {
  threads: number;
  tokensPerSecond: number;
}

export function llamaBenchBinary(): string {
  return path.join(ROOT, 'build', 'bin', 'llama-bench');
}

/** Builds llama-bench once (a few minutes on 2 cores); later runs reuse it. */
export function ensureLlamaBench(log: (line: string) => void): string {
  const exe = llamaBenchBinary();
  if (fs.existsSync(exe)) return exe;
  // The package exports only its entry (dist/index.js), so go up from there.
  const bundle = path.join(path.dirname(require.resolve('node-llama-cpp')), '..', 'llama', 'gitRelease.bundle');
  const src = path.join(ROOT, 'src');
  const build = path.join(ROOT, 'build');
  fs.mkdirSync(ROOT, { recursive: true });
  if (!fs.existsSync(path.join(src, 'CMakeLists.txt'))) {
    log(`raw: extracting llama.cpp from ${bundle}`);
    fs.rmSync(src, { recursive: true, force: true });
    execFileSync('git', ['clone', '--quiet', bundle, src], { stdio: 'inherit' });
  }
  log('raw: building llama-bench (GGML_NATIVE=OFF, CPU backends from node-llama-cpp); this takes a few minutes once');
  const flags = [
    '-DCMAKE_BUILD_TYPE=Release',
    '-DBUILD_SHARED_LIBS=ON',
    '-DGGML_BACKEND_DL=ON',
    '-DGGML_NATIVE=OFF',
    '-DGGML_CPU=OFF',
    '-DLLAMA_OPENSSL=OFF',
    '-DLLAMA_CURL=OFF',
    '-DLLAMA_BUILD_TESTS=OFF',
    '-DLLAMA_BUILD_EXAMPLES=OFF',
    '-DLLAMA_BUILD_SERVER=OFF',
    '-DLLAMA_BUILD_APP=OFF',
  ];
  execFileSync('cmake', ['-S', src, '-B', build, ...flags], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('cmake', ['--build', build, '--target', 'llama-bench', '-j', String(os.availableParallelism())], { stdio: ['ignore', 'ignore', 'inherit'] });
  return exe;
}

/** The folder of node-llama-cpp's prebuilt CPU libraries for this platform. */
export function prebuiltLibDir(): string {
  const pkg = `@node-llama-cpp/${process.platform}-${process.arch}`;
  // The package exports only its entry (dist/index.js); its bins/ folder sits beside dist/.
  const bins = path.join(path.dirname(require.resolve(pkg)), '..', 'bins');
  const dir = fs.readdirSync(bins).map((d) => path.join(bins, d)).find((d) => fs.readdirSync(d).some((f) => f.startsWith('libllama')));
  if (!dir) throw new Error(`no prebuilt llama library under ${bins}`);
  return dir;
}

/**
 * A folder holding a copy of llama-bench (ggml looks for backends beside the
 * real executable) and links to the prebuilt libraries under the names the
 * freshly built program asks for (libllama.so -> libllama.vX.so ...).
 */
export function prepareRunDir(exe: string): string {
  const run = path.join(ROOT, 'run');
  fs.rmSync(run, { recursive: true, force: true });
  fs.mkdirSync(run, { recursive: true });
  fs.copyFileSync(exe, path.join(run, 'llama-bench'));
  fs.chmodSync(path.join(run, 'llama-bench'), 0o755);
  const prebuilt = prebuiltLibDir();
  const files = fs.readdirSync(prebuilt).filter((f) => f.endsWith('.so') || f.includes('.so.'));
  for (const f of files) fs.symlinkSync(path.join(prebuilt, f), path.join(run, f));
  // Libraries of the build that the prebuilt set has under a versioned name.
  const builtLibs = fs.readdirSync(path.dirname(exe)).filter((f) => /^lib.*\.so(\.\d+)*$/.test(f));
  for (const lib of builtLibs) {
    if (fs.existsSync(path.join(run, lib))) continue;
    const stem = lib.replace(/\.so(\.\d+)*$/, '');
    const match = files.find((f) => f === `${stem}.so` || f.startsWith(`${stem}.v`));
    // llama-bench's own code (libllama-bench-impl) has no prebuilt twin: the built one is used.
    fs.symlinkSync(match ? path.join(prebuilt, match) : path.join(path.dirname(exe), lib), path.join(run, lib));
  }
  return run;
}

/** One llama-bench invocation: text generation of `tokens` tokens after `depth` tokens of context, at each thread count, one repetition. */
export function runLlamaBench(runDir: string, modelPath: string, threads: number[], tokens: number, depth = 0): LlamaBenchRun[] {
  const result = spawnSync(
    path.join(runDir, 'llama-bench'),
    // -d: that many tokens already in the KV cache before generating, as a chat's prompt is.
    ['-m', path.resolve(modelPath), '-p', '0', '-n', String(tokens), '-d', String(depth), '-t', threads.join(','), '-r', '1', '-ngl', '0', '-o', 'json'],
    { cwd: runDir, env: { ...process.env, LD_LIBRARY_PATH: runDir }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`llama-bench failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const rows = JSON.parse(result.stdout) as Array<{ n_threads: number; avg_ts: number }>;
  return rows.map((r) => ({ threads: r.n_threads, tokensPerSecond: r.avg_ts }));
}

/** Which CPU variant ggml loaded, from llama-bench's log: the same choice node-llama-cpp makes. */
export function loadedCpuVariant(runDir: string, modelPath: string): string {
  const result = spawnSync(path.join(runDir, 'llama-bench'), ['-m', path.resolve(modelPath), '-p', '0', '-n', '1', '-t', '1', '-r', '1', '-o', 'json', '-v'], {
    cwd: runDir,
    env: { ...process.env, LD_LIBRARY_PATH: runDir },
    encoding: 'utf8',
  });
  const line = `${result.stderr}`.split('\n').find((l) => /loaded CPU backend from/i.test(l));
  return line ? path.basename(line.trim().split(/\s+/).at(-1)!) : 'unknown';
}
