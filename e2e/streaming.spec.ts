import { expect, test } from './fixtures.js';

// The `small` fixture keeps streaming for many seconds (it practically never samples end-of-sequence).
test.describe('long replies', () => {
  test.use({ models: ['small'] });

  test('stops mid-stream, keeping what was written', async ({ chat, hearth }) => {
    await chat.send('Write forever');
    const reply = chat.lastReply();
    await expect(reply).toHaveAttribute('data-status', 'streaming');
    const stop = hearth.page.getByTestId('stop-button');
    await expect(stop).toBeVisible();
    await expect.poll(async () => (await reply.getByTestId('message-content').innerText()).length).toBeGreaterThan(40);
    await stop.click();
    await expect(reply).toHaveAttribute('data-status', 'complete');
    await expect(reply.getByTestId('message-badge')).toHaveAttribute('data-kind', 'aborted');
    await expect(hearth.page.getByTestId('send-button')).toBeVisible();
    const kept = (await reply.getByTestId('message-content').innerText()).length;
    expect(kept).toBeGreaterThan(40);
    await hearth.restart();
    await chat.openChat('Write forever');
    expect((await chat.lastReply().getByTestId('message-content').innerText()).length).toBe(kept);
  });
});

test.describe('a long chat', () => {
  test.use({
    models: ['small'],
    // 1,000 messages already there; the next reply is capped at 500 tokens.
    seedChat: { messages: 1000, maxTokens: 500 },
  });

  // What streaming costs the renderer (per delta, long tasks) is measured by `npm run bench -- --only render`,
  // on a quiet machine: a wall-clock limit here would measure the CI machine's other work.
  test('streams 500 tokens into a chat of 1,000 messages, virtualised, following the reply', async ({ chat, hearth }) => {
    await chat.openChat('A long conversation');
    await expect(chat.rows.first()).toBeVisible();
    // Virtualised: a thousand messages, a few dozen rows in the DOM.
    expect(await chat.rows.count()).toBeLessThan(100);
    await chat.waitUntilSettled();
    await chat.send('One more question');
    await chat.waitForReply();
    const reply = chat.lastReply();
    await expect(reply.getByTestId('message-stats')).toContainText(/500 out/);
    // Still virtualised after the reply, and the list followed it to the end.
    expect(await chat.rows.count()).toBeLessThan(100);
    await expect(reply).toBeInViewport();
    await hearth.restart();
    await chat.openChat('A long conversation');
    await expect(chat.lastReply().getByTestId('message-stats')).toContainText(/500 out/);
  });
});
