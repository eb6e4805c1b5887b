import { expect, test } from './fixtures.js';
import { fixturePath } from '../test/fixtures.js';

test.describe('first run', () => {
  test.use({ models: [] });

  test('welcomes, imports a model by path, and chats with it', async ({ hearth, chat, isElectron }) => {
    const page = hearth.page;
    await expect(page.getByTestId('welcome-screen')).toBeVisible();
    await expect(page.getByTestId('welcome-screen')).toContainText(/offline|private|leaves/i);
    test.skip(isElectron, 'Electron imports through the OS file dialog, which a test cannot drive; the browser project covers the path field.');
    await page.getByTestId('import-path-input').fill(fixturePath('tiny'));
    await page.getByTestId('import-button').click();
    await expect(page.getByTestId('welcome-screen')).toBeHidden();
    await page.getByTestId('nav-models').click();
    const card = page.getByTestId('model-card');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('fit-badge')).toHaveAttribute('data-verdict', 'fits');
    await page.getByTestId('nav-chats').click();
    await chat.send('Hello from a first run');
    expect((await chat.waitForReply()).length).toBeGreaterThan(0);
  });

  test('refuses a file that is not a model, with a clear message', async ({ hearth, isElectron }) => {
    test.skip(isElectron, 'path field is browser mode only');
    const page = hearth.page;
    await page.getByTestId('import-path-input').fill(`${hearth.dataDir}/hearth.db`);
    await page.getByTestId('import-button').click();
    await expect(page.getByTestId('toast').filter({ hasText: /not a GGUF/i })).toBeVisible();
    await expect(page.getByTestId('welcome-screen')).toBeVisible();
  });
});
