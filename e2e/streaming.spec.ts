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
  // A wall-clock measurement on a 2-core machine that is also running the engine, the server and
  // the browser's software compositor: a rare descheduled frame is noise, a real regression fails every try.
  test.describe.configure({ retries: 2 });
  test.use({
    models: ['small'],
    // 1,000 messages already there; the next reply is capped at 500 tokens.
    seedChat: { messages: 1000, maxTokens: 500 },
  });

  test('streams 500 tokens into a chat of 1,000 messages with no long task over 50 ms', async ({ chat, hearth }) => {
    const page = hearth.page;
    await chat.openChat('A long conversation');
    await expect(chat.rows.first()).toBeVisible();
    // Virtualised: a thousand messages, a few dozen rows in the DOM.
    expect(await chat.rows.count()).toBeLessThan(100);
    // Measure the streaming, not the opening: wait until the list has stopped measuring and scrolling.
    await chat.waitUntilSettled();
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    await chat.send('One more question');
    await chat.waitForReply();
    await expect(chat.lastReply().getByTestId('message-stats')).toContainText(/500 out/);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    expect(longTasks.filter((d) => d > 50), `long tasks: ${JSON.stringify(longTasks)}`).toEqual([]);
  });
});
