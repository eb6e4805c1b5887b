import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

/** Picks a language in Settings, as a person would; the choice is saved in the app's settings. */
async function chooseLanguage(page: Page, code: string) {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-language').selectOption(code);
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).boundingBox();
  if (!b) throw new Error(`${selector} is not laid out`);
  return b;
}

test.describe('languages', () => {
  test('follows the system language until one is chosen', async ({ hearth }) => {
    const page = hearth.page;
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
    // The OS asks for French: with the setting on "follow the system", the UI starts in French.
    await page.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['fr-CA', 'en'] }));
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByTestId('nav-settings')).toHaveText('Réglages');
    await expect(page.getByTestId('new-chat-button')).toHaveText('Nouvelle discussion');
  });

  test('switches language in Settings, across screens, and keeps it after a reload', async ({ hearth }) => {
    const page = hearth.page;
    await chooseLanguage(page, 'es');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ajustes');
    await expect(page.getByRole('heading', { name: 'Motor' })).toBeVisible();

    await page.getByTestId('nav-models').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Biblioteca de modelos');
    await expect(page.getByTestId('model-card').first().getByTestId('model-load-button')).toHaveText(/Cargar|Descargar de memoria/);

    await page.getByTestId('nav-routing').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enrutamiento');

    await chooseLanguage(page, 'zh-CN');
    await expect(page.getByTestId('nav-chats')).toHaveText('对话');
    await page.getByTestId('nav-chats').click();
    await expect(page.getByTestId('composer-input')).toHaveAttribute('placeholder', /给 Hearth 发消息/);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('new-chat-button')).toHaveText('新对话');

    // Back to the system's language (English in this browser).
    await chooseLanguage(page, 'system');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  });

  test('Arabic lays the app out right to left', async ({ hearth }) => {
    const page = hearth.page;
    const sidebarLtr = await box(page, '.sidebar');
    const mainLtr = await box(page, '#main');
    expect(sidebarLtr.x).toBeLessThan(mainLtr.x);

    await chooseLanguage(page, 'ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('الإعدادات');

    // Mirrored: the sidebar is now on the right of the main area, and text starts at the right.
    const sidebar = await box(page, '.sidebar');
    const main = await box(page, '#main');
    expect(sidebar.x).toBeGreaterThan(main.x);
    expect(await page.locator('.nav-button').first().evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

    await page.getByTestId('nav-chats').click();
    await expect(page.getByTestId('new-chat-button')).toHaveText('محادثة جديدة');
    await expect(page.getByTestId('composer-input')).toHaveAttribute('placeholder', /راسل Hearth/);

    await page.getByTestId('nav-models').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('مكتبة النماذج');
    // Sizes go through Intl and the catalogue: the number as Intl writes it in Arabic, the unit in Arabic.
    const size = page.getByTestId('model-card').first().locator('dd').first();
    await expect(size).toHaveText(/^\S+ (بايت|ك\.ب|م\.ب|ج\.ب)$/);
    const digits = (await size.textContent())!.split(' ')[0]!;
    expect(digits).toMatch(/^[\d٠-٩.,٫٬]+$/);
    // A path stays left to right inside the right-to-left card.
    await expect(page.getByTestId('model-card').first().locator('.model-path bdi')).toHaveAttribute('dir', 'ltr');
  });
});
