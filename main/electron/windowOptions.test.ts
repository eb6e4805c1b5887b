import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy, MIN_HEIGHT, MIN_WIDTH, windowOptions } from './windowOptions.js';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('windowOptions', () => {
  const options = windowOptions({ preloadPath: '/app/dist/preload/preload.cjs', bounds: null });

  it('isolates and sandboxes the renderer with no Node', () => {
    const web = options.webPreferences!;
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.preload).toBe('/app/dist/preload/preload.cjs');
  });

  it('turns the spellchecker off: it would fetch dictionaries from the network', () => {
    expect(options.webPreferences!.spellcheck).toBe(false);
  });

  it('turns on nothing that loosens the sandbox: no remote module, no Blink features, no drag-and-drop navigation', () => {
    const web = options.webPreferences as Record<string, unknown>;
    for (const key of ['enableRemoteModule', 'enableBlinkFeatures', 'additionalArguments', 'partition', 'session', 'nodeIntegrationInWorker']) {
      expect(web[key] === undefined || web[key] === false, key).toBe(true);
    }
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.safeDialogs).toBe(true);
    // Every boolean that weakens isolation when true is false; every one that guards it is true.
    const weakening = ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'webviewTag', 'experimentalFeatures', 'navigateOnDragDrop'];
    const guarding = ['contextIsolation', 'sandbox', 'webSecurity'];
    expect(weakening.map((k) => web[k])).toEqual(weakening.map(() => false));
    expect(guarding.map((k) => web[k])).toEqual(guarding.map(() => true));
  });

  it('uses restored bounds but never goes under the minimum size', () => {
    const restored = windowOptions({ preloadPath: 'p', bounds: { x: 10, y: 20, width: 900, height: 700 } });
    expect(restored).toMatchObject({ x: 10, y: 20, width: 900, height: 700, minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT, show: false });
    expect(options.x).toBeUndefined();
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows scripts only from the app, with no eval or inline script', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|http:|https:|wasm-unsafe-eval/);
  });

  it('shuts plugins, base tags, framing and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('loosens only for the dev server, and only towards it', () => {
    const dev = directives(devContentSecurityPolicy('http://localhost:5173'));
    expect(dev.get('script-src')).toContain('http://localhost:5173');
    expect(dev.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
  });
});
