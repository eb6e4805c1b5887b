import { test as base, expect } from '@playwright/test';
import { fixturePath, STORIES_MODEL, type FixtureName } from '../test/fixtures.js';
import { electronBinary, launchBrowserApp, launchElectronApp, runSupport, type HearthApp } from './hearthApp.js';
import { ChatPage } from './support/ChatPage.js';

interface Fixtures {
  /** Fixture models imported (linked) before the app starts; [] for a first run. */
  models: Array<FixtureName | 'stories260K'>;
  /** A long chat written into the data folder before the app starts (with the first model). */
  seedChat: { messages: number; maxTokens: number } | null;
  isElectron: boolean;
  hearth: HearthApp;
  chat: ChatPage;
}

/**
 * `hearth`: a fresh Hearth for each test, on a fresh data folder. In the
 * `browser` project it is browser mode in Chromium; in the `electron` project
 * the desktop app, or a skip that says why when the Electron binary is absent.
 */
export const test = base.extend<Fixtures>({
  models: [['tiny'], { option: true }],
  seedChat: [null, { option: true }],
  isElectron: async ({}, use, testInfo) => {
    await use(testInfo.project.metadata?.shell === 'electron');
  },
  hearth: async ({ browser, isElectron, models, seedChat }, use, testInfo) => {
    if (isElectron) {
      testInfo.skip(!electronBinary(), 'Electron binary not present (it cannot be downloaded on this machine); the browser project ran these specs.');
    }
    const prepare = seedChat
      ? (dataDir: string) => void runSupport('seedChat.ts', dataDir, models[0]!, String(seedChat.messages), String(seedChat.maxTokens))
      : undefined;
    const options = { models: models.map((m) => (m === 'stories260K' ? STORIES_MODEL : fixturePath(m))), prepare };
    const app = isElectron ? await launchElectronApp(options) : await launchBrowserApp(browser, options);
    try {
      await use(app);
    } finally {
      await app.close();
    }
  },
  chat: async ({ hearth }, use) => {
    await use(new ChatPage(hearth.page));
  },
});

export { expect };
