/**
 * Seeds a data folder with one long chat before the app starts:
 * `node --import tsx e2e/support/seedChat.ts <dataDir> <modelId> <messages> [maxTokens]`.
 * Prints the chat id. Uses the real store, so the rows are exactly what the app would write.
 */
import { dataPaths } from '../../main/app/dataDir.js';
import { createStore } from '../../main/services/store/createStore.js';
import { openDatabase } from '../../main/services/store/openDatabase.js';

const [dataDir, modelId, count, maxTokens] = process.argv.slice(2);
const store = createStore({ db: openDatabase(dataPaths(dataDir!).database) });
const chat = store.createChat({ title: 'A long conversation', modelId: modelId!, sampling: maxTokens ? { maxTokens: Number(maxTokens) } : {} });
store.transaction(() => {
  for (let i = 0; i < Number(count); i++) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    const content =
      role === 'user'
        ? `Question ${i / 2 + 1}: how does **item ${i}** compare with the last one?`
        : `Answer ${i}: here is a list.\n\n- point one about ${i}\n- point two\n\n\`\`\`js\nconsole.log(${i});\n\`\`\``;
    store.addMessage({ chatId: chat.id, role, content, status: 'complete', modelId: role === 'assistant' ? modelId! : null });
  }
});
store.close();
process.stdout.write(`${chat.id}\n`);
