import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services, type ServicesConfig } from '../main/app/createServices.js';
import type { EventName, PayloadOf } from '../main/contract/index.js';

/** Real services on a fresh temp data folder, the engine forced to the CPU with one thread. */
export async function tempServices(overrides: Partial<ServicesConfig> = {}): Promise<Services & { events: Array<{ event: EventName; payload: unknown }>; cleanup(): Promise<void> }> {
  const dataDir = overrides.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-test-'));
  const services = await createServices({ dataDir, shell: 'browser', engineEnv: { HEARTH_ENGINE_GPU: 'off' }, ...overrides });
  services.store.updateSettings({ engine: { threads: 1 } });
  await services.engine.configure(services.store.getSettings().engine);
  const events: Array<{ event: EventName; payload: unknown }> = [];
  services.bus.subscribe((event, payload) => events.push({ event, payload }));
  return Object.assign(services, {
    events,
    async cleanup() {
      await services.dispose();
      if (!overrides.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export function eventsOf<E extends EventName>(events: Array<{ event: EventName; payload: unknown }>, name: E): PayloadOf<E>[] {
  return events.filter((e) => e.event === name).map((e) => e.payload as PayloadOf<E>);
}
