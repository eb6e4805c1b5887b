import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * electron-builder.yml read by electron-builder's own loader (js-yaml, the
 * same merge with package.json) and checked against its own JSON schema, so
 * this test sees exactly what `electron-builder` will see; then the settings
 * that matter for security and for the native modules are asserted one by one.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
// Resolved the way electron-builder resolves it, so a nested install still works.
const fromBuilder = createRequire(createRequire(path.join(ROOT, 'package.json')).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Target = { target: string; arch: string[] };
interface Config {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  directories: { output: string; buildResources: string };
  mac: { target: Target[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string };
  win: { target: Target[] };
  nsis: { deleteAppDataOnUninstall: boolean };
  linux: { target: Target[] };
}

let config: Config;
beforeAll(async () => {
  const loaded = (await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null)) as unknown as Omit<Config, 'files'> & { files: Array<string | { filter: string[] }> };
  // The loader merges `files` into [{ filter: [...] }] sets; flatten back to the pattern list.
  config = { ...loaded, files: loaded.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter)) };
});

/** electron-builder's own matcher (minimatch, from app-builder-lib), with ${os}/${arch} expanded for a Windows x64 build. */
const { minimatch } = createRequire(fromBuilder.resolve('app-builder-lib'))('minimatch') as { minimatch(file: string, pattern: string, opts?: object): boolean };
function matches(pattern: string, file: string): boolean {
  return minimatch(file, pattern.replace(/\$\{os\}/g, 'win').replace(/\$\{arch\}/g, 'x64'), { dot: true });
}
/** Last matching pattern wins, as in electron-builder. Only for node_modules paths (those are included unless excluded). */
function includedOnWindows(file: string, files: string[]): boolean {
  let included = true;
  for (const p of files) {
    const negated = p.startsWith('!');
    if (matches(negated ? p.slice(1) : p, file)) included = !negated;
  }
  return included;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and ships dist/ and package.json from this repository', () => {
    expect(config.appId).toBe('dev.hearth.app');
    expect(config.productName).toBe('Hearth');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
    // Nothing excludes the production node_modules as a whole.
    expect(config.files.filter((f) => /^!node_modules\/?(\*\*)?(\/\*)?$/.test(f))).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main.startsWith('dist/')).toBe(true);
  });

  it('unpacks every native binary from the asar and rebuilds native modules for Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
    const unpack = config.asarUnpack;
    expect(unpack.some((p) => p.startsWith('node_modules/node-llama-cpp/bins'))).toBe(true);
    expect(unpack.some((p) => p.startsWith('node_modules/@node-llama-cpp/'))).toBe(true);
    expect(unpack.some((p) => p.startsWith('node_modules/better-sqlite3-multiple-ciphers/') && p.endsWith('.node'))).toBe(true);
  });

  it('flips the Electron fuses that close run-as-node, inspect, unpacked-app and file: backdoors', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds a hardened, entitled dmg for both Mac architectures', () => {
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.mac.hardenedRuntime).toBe(true);
    const plist = fs.readFileSync(path.join(ROOT, config.mac.entitlements), 'utf8');
    expect(plist).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    expect(plist).not.toMatch(/device\.camera|device\.audio-input|personal-information/);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
  });

  it('builds an x64 NSIS installer that keeps the CUDA and Vulkan builds and the user data', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
    for (const pkg of ['win-x64', 'win-x64-cuda', 'win-x64-cuda-ext', 'win-x64-vulkan']) {
      expect(includedOnWindows(`node_modules/@node-llama-cpp/${pkg}/bins/${pkg}/llama-addon.node`, config.files), pkg).toBe(true);
    }
    // Other platforms' binaries stay out of the Windows build.
    expect(includedOnWindows('node_modules/@node-llama-cpp/linux-x64-cuda/bins/linux-x64-cuda/llama-addon.node', config.files)).toBe(false);
    expect(includedOnWindows('node_modules/@node-llama-cpp/mac-arm64-metal/bins/mac-arm64-metal/llama-addon.node', config.files)).toBe(false);
  });

  it('builds an AppImage and a deb for Linux', () => {
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
  });
});
