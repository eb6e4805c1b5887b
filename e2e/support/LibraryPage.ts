import { expect, type Locator, type Page } from '@playwright/test';

/** The model library page, by its data-testids (renderer/src/testIds.ts). */
export class LibraryPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-models').click();
    await expect(this.page.getByTestId('library-page')).toBeVisible();
  }
  get catalogCards(): Locator {
    return this.page.getByTestId('catalog-card');
  }
  get offlineSwitch(): Locator {
    return this.page.getByRole('switch', { name: /offline mode/i });
  }
  get downloadRows(): Locator {
    return this.page.getByTestId('download-row');
  }
  get installed(): Locator {
    return this.page.getByTestId('installed-section').getByTestId('model-card');
  }
  get networkRows(): Locator {
    return this.page.getByTestId('network-log-row');
  }

  /** Starts a download from the "Download from a link" field. */
  async downloadFrom(source: string): Promise<void> {
    await this.page.getByTestId('download-source-input').fill(source);
    await this.page.getByTestId('download-source-button').click();
  }

  async setOffline(on: boolean): Promise<void> {
    if ((await this.offlineSwitch.getAttribute('aria-checked')) !== String(on)) await this.offlineSwitch.click();
    await expect(this.offlineSwitch).toHaveAttribute('aria-checked', String(on));
  }
}
