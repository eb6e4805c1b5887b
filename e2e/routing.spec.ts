import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { callHearth } from './support/callHearth.js';

// Domain routing through the real UI, services and engine. The fixture model `small` is the only model installed,
// so no profile's preferred (catalog) model is there: every reply is a fallback to it, and says so. `small` is the
// fixture whose 4,096-token context holds the profiles' system prompts (`tiny`'s 512 do not: main then answers
// with the chat's usual prompt and says so); it rarely ends a reply by itself, so each chat caps replies at 24 tokens.
test.use({ models: ['small'] });

const HEALTH_QUESTION = 'My daughter has had a fever of 39 degrees since yesterday. What dose of paracetamol is safe for a child her age?';

/** Caps the new chat's replies (the draft's sampling, sent with its first message) through the chat settings dialog. */
async function capReplies(page: Page): Promise<void> {
  await page.getByTestId('chat-settings-button').click();
  await page.getByTestId('chat-settings-dialog').getByLabel('Max tokens').fill('24');
  await page.getByTestId('chat-settings-save').click();
  await expect(page.getByTestId('chat-settings-dialog')).toBeHidden();
}

async function lastStoredReply(hearth: Parameters<typeof callHearth>[0]) {
  const [summary] = await callHearth(hearth, 'chats.list', {});
  const { chat, messages } = await callHearth(hearth, 'chats.get', { chatId: summary!.id });
  return { chat, reply: messages.filter((m) => m.role === 'assistant').at(-1)! };
}

test('an Auto message shows its routing chip, the popover its scores, and re-routing regenerates with the other profile', async ({ chat, hearth }, testInfo) => {
  const { page } = hearth;
  await expect(page.getByTestId('routing-mode')).toHaveValue('auto');
  await capReplies(page);
  await chat.send(HEALTH_QUESTION);
  await chat.waitForReply();

  const chip = chat.lastReply().getByTestId('routing-chip');
  await expect(chip).toHaveAttribute('data-domain', 'healthcare');
  await expect(chip).toHaveAttribute('data-mode', 'auto');
  await expect(chip).toContainText(/Healthcare · [01]\.\d\d/);

  // The popover: every enabled profile's score as a bar (the chosen one first), reasons, the model that answered.
  const profiles = await callHearth(hearth, 'profiles.list', {});
  await chip.click();
  const popover = page.getByTestId('routing-popover');
  await expect(popover).toBeVisible();
  await expect(popover).toBeFocused();
  const scores = popover.getByTestId('routing-score');
  await expect(scores).toHaveCount(profiles.filter((p) => p.enabled).length);
  await expect(scores.first()).toHaveAttribute('data-domain', 'healthcare');
  await expect(popover.getByTestId('routing-reasons').locator('li').first()).not.toBeEmpty();
  const [model] = await callHearth(hearth, 'models.list', {});
  await expect(popover.getByTestId('routing-model')).toHaveText(model!.name);
  await page.screenshot({ path: testInfo.outputPath('routing-popover.png') });
  // Escape closes it and gives focus back to the chip.
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(chip).toBeFocused();

  // Re-route to Coding from the keyboard: Enter opens the popover, the menu button, then the option.
  const firstId = await chat.lastReply().getAttribute('data-message-id');
  await page.keyboard.press('Enter');
  await popover.getByTestId('reroute-button').click();
  await page.locator('[data-testid="reroute-option"][data-domain="coding"]').click();
  await expect(chat.lastReply()).not.toHaveAttribute('data-message-id', firstId!);
  await chat.waitForReply();
  await expect(chat.assistantRows()).toHaveCount(1);
  await expect(chat.userRows()).toHaveCount(1);
  const rerouted = chat.lastReply().getByTestId('routing-chip');
  await expect(rerouted).toHaveAttribute('data-domain', 'coding');
  await expect(rerouted).toHaveAttribute('data-mode', 'override');
  await expect(rerouted).toContainText('Coding · re-routed');

  // Main stored the new reply with the coding profile's system prompt, and the popover shows the same one.
  const coding = profiles.find((p) => p.id === 'coding')!;
  const { reply } = await lastStoredReply(hearth);
  expect(reply.id).toBe(await chat.lastReply().getAttribute('data-message-id'));
  expect(reply.domain).toBe('coding');
  expect(reply.routing).toMatchObject({ domain: 'coding', mode: 'override', modelId: 'small' });
  expect(reply.routing!.systemPrompt).toContain(coding.systemPrompt);
  const healthcare = profiles.find((p) => p.id === 'healthcare')!;
  expect(reply.routing!.systemPrompt).not.toContain(healthcare.systemPrompt);
  await rerouted.click();
  await popover.getByText('System prompt used').click();
  await expect(popover.getByTestId('routing-system-prompt')).toHaveText(reply.routing!.systemPrompt!);
});

test('with the preferred model absent, the reply comes from an installed model and says which', async ({ chat, hearth }) => {
  const profiles = await callHearth(hearth, 'profiles.list', {});
  const healthcare = profiles.find((p) => p.id === 'healthcare')!;
  const preferred = [...healthcare.models.standard, ...healthcare.models.fast];
  expect(preferred.length).toBeGreaterThan(0);
  expect(preferred).not.toContain('small');
  const [model] = await callHearth(hearth, 'models.list', {});

  await capReplies(hearth.page);
  await chat.send(HEALTH_QUESTION);
  await chat.waitForReply();
  const note = chat.lastReply().getByTestId('reply-fallback');
  await expect(note).toBeVisible();
  await expect(note).toContainText('answered with small');
  await expect(chat.lastReply().getByTestId('message-stats')).toContainText(model!.name);
  await expect(chat.lastReply().getByTestId('routing-chip')).toHaveAttribute('data-domain', 'healthcare');

  const { reply } = await lastStoredReply(hearth);
  expect(reply.status).toBe('complete');
  expect(reply.modelId).toBe('small');
  expect(reply.stats?.modelId).toBe('small');
  expect(reply.routing!.modelId).toBe('small');
  expect(reply.routing!.fallback).toContain('answered with small');
  await expect(note).toHaveText(reply.routing!.fallback!);
});

test('a chat pinned to a profile answers with it whatever the message', async ({ chat, hearth }) => {
  await hearth.page.getByTestId('routing-mode').selectOption('creative');
  await capReplies(hearth.page);
  await chat.send(HEALTH_QUESTION);
  await chat.waitForReply();
  const chip = chat.lastReply().getByTestId('routing-chip');
  await expect(chip).toHaveAttribute('data-domain', 'creative');
  await expect(chip).toHaveAttribute('data-mode', 'pinned');
  await expect(hearth.page.getByTestId('routing-mode')).toHaveValue('creative');
  const { chat: stored, reply } = await lastStoredReply(hearth);
  expect(stored.routingMode).toBe('creative');
  expect(reply.routing).toMatchObject({ domain: 'creative', mode: 'pinned' });
});

test('the routing page counts replies, previews the router, and an edited system prompt is the one the next reply uses', async ({ chat, hearth }, testInfo) => {
  const { page } = hearth;
  await capReplies(page);
  await chat.send(HEALTH_QUESTION);
  await chat.waitForReply();

  await page.getByTestId('nav-routing').click();
  await expect(page.getByTestId('routing-stats-total')).toHaveText('1');
  await expect(page.locator('[data-testid="routing-stats-domains"] [data-testid="routing-score"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="routing-stats-domains"] [data-testid="routing-score"]').first()).toHaveAttribute('data-domain', 'healthcare');

  await page.getByTestId('router-preview-input').fill('My python function throws a TypeError when the list is empty, how do I fix it?');
  await page.getByTestId('router-preview-button').click();
  await expect(page.getByTestId('router-preview-result')).toHaveAttribute('data-domain', 'coding');
  await page.screenshot({ path: testInfo.outputPath('routing-page.png'), fullPage: true });

  // Edit Healthcare's system prompt; an empty one is refused beside the field, nothing is sent.
  const item = page.locator('[data-testid="profile-item"][data-profile-id="healthcare"]');
  await item.getByTestId('profile-edit-button').click();
  const editor = page.getByTestId('profile-editor');
  await editor.getByTestId('profile-system-prompt').fill('');
  await editor.getByTestId('profile-save').click();
  await expect(editor.getByTestId('field-error')).toContainText('system prompt');
  await page.screenshot({ path: testInfo.outputPath('profile-editor.png') });
  const prompt = 'You are a careful health information assistant. Never diagnose. Urge urgent care for red-flag symptoms.';
  await editor.getByTestId('profile-system-prompt').fill(prompt);
  await editor.getByTestId('profile-save').click();
  await expect(editor).toBeHidden();
  await expect(item).toContainText('Edited');

  await page.getByTestId('nav-chats').click();
  await chat.send('And what if the fever does not go down after three days?');
  await chat.waitForReply();
  const { reply } = await lastStoredReply(hearth);
  expect(reply.routing!.domain).toBe('healthcare');
  expect(reply.routing!.systemPrompt).toContain(prompt);
});

test.describe('with two models', () => {
  test.use({ models: ['small', 'tiny'] });

  test("a message whose profile prefers another model shows that model loading, for that profile", async ({ chat, hearth }) => {
    const { page } = hearth;
    const models = await callHearth(hearth, 'models.list', {});
    const tiny = models.find((m) => m.id === 'tiny')!;
    // Coding prefers tiny, Healthcare small (both through the profile editor).
    await page.getByTestId('nav-routing').click();
    for (const [profile, modelId] of [['coding', 'tiny'], ['healthcare', 'small']] as const) {
      await page.locator(`[data-testid="profile-item"][data-profile-id="${profile}"]`).getByTestId('profile-edit-button').click();
      const editor = page.getByTestId('profile-editor');
      await editor.getByTestId('profile-models-standard-add').selectOption(modelId);
      // First in the list: move it up past every catalog entry.
      const row = editor.locator(`[data-testid="profile-models-standard"] [data-testid="profile-model"][data-model-id="${modelId}"]`);
      while ((await editor.locator('[data-testid="profile-models-standard"] [data-testid="profile-model"]').first().getAttribute('data-model-id')) !== modelId) {
        await row.getByRole('button', { name: /sooner/ }).click();
      }
      await editor.getByTestId('profile-save').click();
      await expect(editor).toBeHidden();
    }
    await page.getByTestId('nav-chats').click();
    await capReplies(page);
    await chat.send(HEALTH_QUESTION);
    await chat.waitForReply();
    await expect(chat.lastReply().getByTestId('routing-chip')).toHaveAttribute('data-domain', 'healthcare');

    // Record every model-switch notice that appears, however briefly (loading tiny takes a moment only).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { switches: string[] }).switches = seen;
      new MutationObserver(() => {
        const notice = document.querySelector('[data-testid="model-switch"]');
        const entry = notice ? `${notice.getAttribute('data-model-id')}|${notice.textContent}` : null;
        if (entry && seen.at(-1) !== entry) seen.push(entry);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await chat.send('My python function throws a TypeError when the list is empty, how do I fix it?');
    await chat.waitForReply();
    await expect(chat.lastReply().getByTestId('routing-chip')).toHaveAttribute('data-domain', 'coding');
    const switches = await page.evaluate(() => (window as unknown as { switches: string[] }).switches);
    expect(switches[0]).toMatch(new RegExp(`^tiny\\|Loading ${tiny.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}… for Coding`));
    await expect(page.getByTestId('model-switch')).toBeHidden();
    const { reply } = await lastStoredReply(hearth);
    expect(reply.modelId).toBe('tiny');
  });
});
