/**
 * Child process for durability.test.ts: streams updates into one reply and
 * prints each update's number only after the store call returned (the commit
 * is acknowledged), until the test kills it with SIGKILL. Updates alternate
 * between the two write paths of a streaming reply: saveDraft (no fsync) and
 * updateMessage (fsync), so a kill must lose neither.
 * Usage: node --import tsx durabilityWriter.ts <db file>
 */
import fs from 'node:fs';
import { createStore } from './createStore.js';
import { openDatabase } from './openDatabase.js';

const file = process.argv[2];
if (!file) throw new Error('usage: durabilityWriter.ts <db file>');
const store = createStore({ db: openDatabase(file) });
const chat = store.createChat({ title: 'durable' });
const reply = store.addMessage({ chatId: chat.id, role: 'assistant', content: '', status: 'streaming' });
fs.writeSync(1, `id ${reply.id}\n`);
// Bounded so a test that forgets to kill it cannot leave it running forever.
for (let i = 1; i <= 1_000_000; i++) {
  const content = `update ${i} ${'word '.repeat(i % 300)}`;
  if (i % 2 === 1) store.saveDraft(reply.id, content);
  else store.updateMessage(reply.id, { content });
  fs.writeSync(1, `ack ${i}\n`);
}
store.close();
