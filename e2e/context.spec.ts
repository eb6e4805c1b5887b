import { expect, test } from './fixtures.js';
import { callHearthRaw } from './support/callHearth.js';

// A chat far longer than the tiny model's context: 400 earlier messages, replies capped at 8 tokens.
test.describe('context you can see', () => {
  test.use({ seedChat: { messages: 400, maxTokens: 8 } });

  test('a reply says how many earlier messages did not fit, links to the context size, and still says so after a reload', async ({ chat, hearth }) => {
    await chat.openChat('A long conversation');
    await chat.send('And what about the last one?');
    await chat.waitForReply();
    const note = chat.lastReply().getByTestId('context-note');
    await expect(note).toBeVisible();
    const leftOut = Number(await note.getAttribute('data-left-out'));
    expect(leftOut).toBeGreaterThan(0);
    expect(leftOut).toBeLessThan(400);
    await expect(note).toContainText(`${leftOut} earlier messages were left out`);
    await expect(note).toContainText(/-token context of /);

    // What the UI shows is what main stored with the reply.
    const replyId = await chat.lastReply().getAttribute('data-message-id');
    const chatId = ((await callHearthRaw(hearth, 'chats.list', {})).result as Array<{ id: string; title: string }>).find((c) => c.title === 'A long conversation')!.id;
    const stored = ((await callHearthRaw(hearth, 'chats.get', { chatId })).result as { messages: Array<{ id: string; context: { leftOutMessages: number; windowTokens: number } | null }> }).messages.find((m) => m.id === replyId)!;
    expect(stored.context?.leftOutMessages).toBe(leftOut);
    await expect(note).toContainText(new Intl.NumberFormat('en').format(stored.context!.windowTokens));

    await hearth.page.reload();
    await chat.openChat('A long conversation');
    await expect(chat.lastReply().getByTestId('context-note')).toHaveAttribute('data-left-out', String(leftOut));

    // The way out: the link opens the settings, where the context size is.
    await chat.lastReply().getByTestId('context-note').getByRole('button').click();
    await expect(hearth.page.getByTestId('settings-page')).toBeVisible();
    await expect(hearth.page.getByTestId('settings-context-size')).toBeVisible();
  });
});
