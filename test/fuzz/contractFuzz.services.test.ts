import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { documentsMethods } from '../../main/contract/documents.js';
import { libraryMethods, METHOD_NAMES, methods, privacyMethods, routingMethods } from '../../main/contract/index.js';
import { createDispatcher } from '../../main/rpc/dispatch.js';
import { createHttpHost, type HttpHost } from '../../main/rpc/httpHost.js';
import { createRng } from '../../scripts/fixtures/createRng.js';
import { tempServices } from '../tempServices.js';
import { paramsCases } from './fuzzCases.js';
import { preview } from './judgeReply.js';
import { FUZZ, rawClient } from './rawClient.js';

describe('contract fuzz against the real services', () => {
  /**
   * The core methods through the real composition root: params the contract
   * accepts reach real services (a temp data folder, no model), which must
   * answer with a typed error or a result, never INTERNAL. The model
   * library's, routing's, documents' and privacy's methods are left to their
   * own tests (valid params there index real folders, convert or delete the
   * database); the recording-handler runs above cover them at the boundary.
   */
  const others = [libraryMethods, routingMethods, documentsMethods, privacyMethods];
  const core = METHOD_NAMES.filter((m) => !others.some((group) => Object.hasOwn(group, m)));
  let services: Awaited<ReturnType<typeof tempServices>>;
  let host: HttpHost;
  const logger = { warn: vi.fn(), error: vi.fn() };
  beforeAll(async () => {
    // The fuzz client connects over loopback from this same process: offline mode (a valid settings.update
    // may turn it on) would close that socket, as it closes every connection of the process. Not the subject here.
    services = await tempServices({ networkGuard: false });
    host = await createHttpHost({ dispatcher: createDispatcher({ handlers: services.handlers, logger }), bus: services.bus, staticDir: null, token: FUZZ.TOKEN, logger });
  });
  afterAll(async () => {
    await host.close();
    await services.cleanup();
  });

  it('answers every core method with a result or a typed error, and keeps serving', async () => {
    const rng = createRng(FUZZ.SEED, 3);
    const client = await rawClient(host.port, FUZZ.TOKEN);
    const failures: string[] = [];
    const codes = new Map<string, number>();
    let id = 0;
    for (const method of core) {
      for (const c of paramsCases(method, FUZZ.PER_METHOD, rng)) {
        const reply = await client.send(JSON.stringify({ id: ++id, method, params: c.params }));
        const code = reply.ok ? 'ok' : (reply.error?.code ?? '?');
        codes.set(code, (codes.get(code) ?? 0) + 1);
        const valid = methods[method].params.safeParse(c.params ?? {}).success;
        if (code === 'INTERNAL' || (!valid && code !== 'INVALID_PARAMS')) failures.push(`${method} ${c.label} ${preview(c.params)}: ${code} ${reply.error?.message ?? ''}`);
      }
    }
    console.log(`real services: ${[...codes].map(([code, n]) => `${code} ${n}`).join(', ')}`);
    expect(failures).toEqual([]);
    expect(logger.error).not.toHaveBeenCalled();
    await expect(client.send(JSON.stringify({ id: 'after', method: 'app.info' }))).resolves.toMatchObject({ id: 'after', ok: true });
    await expect(client.send(JSON.stringify({ id: 'chats', method: 'chats.list' }))).resolves.toMatchObject({ id: 'chats', ok: true });
    client.ws.close();
  });
});
