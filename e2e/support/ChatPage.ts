import { expect, type Locator, type Page } from '@playwright/test';

/** The chat view, by its data-testids (renderer/src/testIds.ts). */
export class ChatPage {
  constructor(readonly page: Page) {}

  get composer(): Locator {
    return this.page.getByTestId('composer-input');
  }
  get rows(): Locator {
    return this.page.getByTestId('message-row');
  }
  assistantRows(): Locator {
    return this.page.locator('[data-testid="message-row"][data-role="assistant"]');
  }
  userRows(): Locator {
    return this.page.locator('[data-testid="message-row"][data-role="user"]');
  }
  lastReply(): Locator {
    return this.assistantRows().last();
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  /** Waits until the last reply has finished streaming and returns its text. */
  async waitForReply(): Promise<string> {
    const reply = this.lastReply();
    await expect(reply).toBeVisible();
    await expect(reply).not.toHaveAttribute('data-status', 'streaming', { timeout: 60_000 });
    await expect(reply).toHaveAttribute('data-status', 'complete');
    return (await reply.getByTestId('message-content').innerText()).trim();
  }

  /** Resolves once the message list's scroll size and position have not changed for 30 frames. */
  async waitUntilSettled(): Promise<void> {
    await this.page.getByTestId('message-list').evaluate(
      (list) =>
        new Promise<void>((resolve) => {
          let last = '';
          let still = 0;
          const tick = () => {
            const now = `${list.scrollHeight}:${list.scrollTop}:${list.childElementCount}`;
            still = now === last ? still + 1 : 0;
            last = now;
            if (still >= 30) resolve();
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
    );
  }

  async openChat(title: string): Promise<void> {
    await this.page.getByTestId('chat-item').filter({ hasText: title }).click();
  }
}
