import { expect, test } from './fixtures.js';
import { callHearthRaw } from './support/callHearth.js';

test('sends a message and streams the reply, with stats', async ({ chat, hearth }, testInfo) => {
  await chat.send('Tell me about the sea');
  await expect(chat.userRows()).toHaveText(/Tell me about the sea/);
  const text = await chat.waitForReply();
  expect(text.length).toBeGreaterThan(0);
  const stats = chat.lastReply().getByTestId('message-stats');
  await expect(stats).toContainText(/tok\/s/);
  await expect(stats).toContainText(/cpu/i);
  await expect(hearth.page.getByTestId('chat-item')).toHaveCount(1);
  await expect(hearth.page.getByTestId('chat-title')).toHaveText('Tell me about the sea');
  await testInfo.attach('chat-view', { body: await hearth.page.screenshot(), contentType: 'image/png' });
  await hearth.page.screenshot({ path: testInfo.outputPath('chat-view.png') });
});

test('regenerates the last reply', async ({ chat }) => {
  await chat.send('Give me a number');
  await chat.waitForReply();
  const firstId = await chat.lastReply().getAttribute('data-message-id');
  await chat.lastReply().getByTestId('regenerate-button').click();
  await expect(chat.lastReply()).not.toHaveAttribute('data-message-id', firstId!);
  await chat.waitForReply();
  await expect(chat.assistantRows()).toHaveCount(1);
  await expect(chat.userRows()).toHaveCount(1);
});

test('edits a message and continues from there', async ({ chat }) => {
  await chat.send('First question');
  await chat.waitForReply();
  await chat.send('Second question');
  await chat.waitForReply();
  await chat.userRows().first().getByTestId('edit-button').click();
  await chat.page.getByTestId('edit-input').fill('First question, edited');
  await chat.page.getByTestId('edit-save-button').click();
  await expect(chat.userRows()).toHaveCount(1);
  await expect(chat.userRows().first()).toContainText('First question, edited');
  await chat.waitForReply();
  await expect(chat.assistantRows()).toHaveCount(1);
});

test('keeps chats across a restart', async ({ chat, hearth }) => {
  await chat.send('Remember the albatross');
  const reply = await chat.waitForReply();
  await hearth.restart();
  await chat.openChat('Remember the albatross');
  await expect(chat.userRows().first()).toContainText('Remember the albatross');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'complete');
  expect((await chat.lastReply().getByTestId('message-content').innerText()).trim()).toBe(reply);
});

test('searches all messages and opens the hit', async ({ chat, hearth }) => {
  await chat.send('The quick brown pangolin');
  await chat.waitForReply();
  await hearth.page.getByTestId('new-chat-button').click();
  await chat.send('Something else entirely');
  await chat.waitForReply();
  await hearth.page.getByTestId('chat-search').fill('pangolin');
  const hit = hearth.page.getByTestId('search-result');
  await expect(hit).toHaveCount(1);
  await expect(hit.locator('mark')).toHaveText(/pangolin/i);
  await hit.click();
  await expect(hearth.page.getByTestId('chat-title')).toHaveText('The quick brown pangolin');
});

test('deletes a chat after confirmation', async ({ chat, hearth }) => {
  await chat.send('Delete me');
  await chat.waitForReply();
  const item = hearth.page.getByTestId('chat-item').filter({ hasText: 'Delete me' });
  await item.hover();
  await item.getByTestId('chat-delete-button').click();
  await hearth.page.getByTestId('confirm-dialog').getByTestId('confirm-button').click();
  await expect(hearth.page.getByTestId('chat-item')).toHaveCount(0);
  await hearth.restart();
  await expect(hearth.page.getByTestId('chat-item')).toHaveCount(0);
});

test('refuses an invalid payload and keeps serving', async ({ chat, hearth }) => {
  const reply = await callHearthRaw(hearth, 'chat.turn', { action: { type: 'send', text: 42 }, evil: { __proto__: { polluted: true } } });
  expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
  await chat.send('Still here?');
  expect((await chat.waitForReply()).length).toBeGreaterThan(0);
});
