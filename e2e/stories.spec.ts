import { hasStoriesModel } from '../test/fixtures.js';
import { expect, test } from './fixtures.js';

// The real trained model from ../shared, when it is there (a fresh clone has none).
test.describe('with stories260K', () => {
  test.skip(!hasStoriesModel, '../shared/models/stories260K.gguf is absent');
  test.use({ models: ['stories260K'] });

  test('continues a story in the chat view', async ({ chat }) => {
    await chat.send('Once upon a time');
    const text = await chat.waitForReply();
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    expect(words.length).toBeGreaterThan(10);
    expect(words.filter((w) => ['the', 'a', 'was', 'she', 'he', 'and', 'there', 'little', 'day', 'her'].includes(w)).length).toBeGreaterThan(3);
  });
});
