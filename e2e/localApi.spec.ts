import net from 'node:net';
import { expect, test } from './fixtures.js';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

test('Settings → Local API: turn it on, make a key, call the API with it, see the request in the log', async ({ hearth }) => {
  const page = hearth.page;
  await page.getByTestId('nav-settings').click();
  const panel = page.getByTestId('local-api');
  await expect(panel.getByTestId('local-api-status')).toHaveText(/Not running/);
  const port = await freePort();
  await panel.getByTestId('local-api-port').fill(String(port));
  await panel.getByTestId('local-api-save').click();
  await expect(panel.getByTestId('local-api-form')).toContainText('Saved.');
  // The switch shows the setting as stored: it turns once settings.update has answered.
  await panel.getByTestId('local-api-enabled').click();
  await expect(panel.getByTestId('local-api-enabled')).toBeChecked();
  const url = `http://127.0.0.1:${port}/v1`;
  await expect(panel.getByTestId('local-api-url')).toHaveText(url);

  await panel.getByTestId('local-api-key-name').fill('e2e-tool');
  await panel.getByTestId('local-api-key-create').click();
  const key = (await panel.getByTestId('local-api-new-key-value').textContent())!;
  expect(key).toMatch(/^hk-/);
  await expect(panel.getByTestId('local-api-key')).toHaveCount(1);
  await expect(panel.getByTestId('local-api-key')).not.toContainText(key);

  // A tool on this computer (this test's Node process, no Origin) calls the API with the key.
  const models = await fetch(`${url}/models`, { headers: { authorization: `Bearer ${key}` } });
  expect(models.status).toBe(200);
  expect(((await models.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id)).toContain('tiny');
  // The page itself is a web origin the API does not allow.
  const fromPage = await page.evaluate(async (u) => {
    try {
      return (await fetch(`${u}/models`)).status;
    } catch {
      return 'blocked';
    }
  }, url);
  expect(fromPage).toBe('blocked');

  const row = panel.getByTestId('local-api-log-row').filter({ hasText: 'GET /v1/models' }).filter({ hasText: 'e2e-tool' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('200');

  await panel.getByTestId('local-api-key-revoke').click();
  await expect(panel.getByTestId('local-api-key')).toHaveCount(0);
  expect((await fetch(`${url}/models`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);

  await panel.getByTestId('local-api-enabled').click();
  await expect(panel.getByTestId('local-api-enabled')).not.toBeChecked();
  await expect(panel.getByTestId('local-api-status')).toHaveText(/Not running/);
});
