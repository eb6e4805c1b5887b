import fs from 'node:fs';
import { terminalIo } from './terminalText.js';
import { parse, requireArg, table, UsageError, withServices, type Io } from './cliContext.js';

export const CHATS_USAGE = `hearth chats list [--json]                     chats, newest first
hearth chats show <id> [--json]                one chat with its messages
hearth chats export <id> --format md|json [--include-thinking] [--out FILE]
                                               --include-thinking adds reasoning models' thoughts, marked
hearth chats search <text> [--json]            full-text search over all messages
hearth chats rm <id>                           delete a chat`;

export async function chatsCommand(argv: string[], rawIo: Io): Promise<number> {
  // Chat text and titles are what a crafted model or file controls: no terminal escapes reach a TTY.
  const io = terminalIo(rawIo);
  const { values, positionals } = parse(argv, { format: { type: 'string' }, out: { type: 'string' }, limit: { type: 'string' }, 'include-thinking': { type: 'boolean' } });
  const [sub, ...rest] = positionals;
  const dataDir = values['data-dir'];
  switch (sub) {
    case 'list':
      return withServices(dataDir, async ({ store }) => {
        const chats = store.listChats().map(({ id, title, updatedAt, messageCount }) => ({ id, title, updatedAt, messageCount }));
        if (values.json) io.out(`${JSON.stringify(chats)}\n`);
        else if (chats.length === 0) io.out('No chats yet.\n');
        else io.out(table([['ID', 'UPDATED', 'MESSAGES', 'TITLE'], ...chats.map((c) => [c.id, new Date(c.updatedAt).toISOString().slice(0, 16).replace('T', ' '), String(c.messageCount), c.title])]));
        return 0;
      });
    case 'show': {
      const id = requireArg(rest[0], 'a chat id');
      return withServices(dataDir, async ({ store }) => {
        const chat = store.getChat(id);
        const messages = store.listMessages(id).map(({ id: mid, role, content, status, modelId, domain, stats, createdAt }) => ({
          id: mid,
          role,
          content,
          status,
          modelId,
          domain,
          stats,
          createdAt,
        }));
        if (values.json) io.out(`${JSON.stringify({ id: chat.id, title: chat.title, messages })}\n`);
        else {
          io.out(`# ${chat.title}\n\n`);
          for (const m of messages) {
            const flag = m.status === 'complete' ? '' : ` [${m.status}]`;
            io.out(`${m.role}${m.modelId && m.role === 'assistant' ? ` (${m.modelId})` : ''}${flag}:\n${m.content}\n\n`);
          }
        }
        return 0;
      });
    }
    case 'export': {
      const id = requireArg(rest[0], 'a chat id');
      const format = values.format;
      if (format !== 'md' && format !== 'json') throw new UsageError('--format must be md or json');
      return withServices(dataDir, async ({ store }) => {
        const { filename, content } = store.exportChat(id, format, { includeThinking: values['include-thinking'] === true });
        if (values.out) {
          fs.writeFileSync(values.out, content);
          io.err(`Wrote ${values.out}\n`);
        } else io.out(content.endsWith('\n') ? content : `${content}\n`);
        void filename;
        return 0;
      });
    }
    case 'search': {
      const text = rest.join(' ');
      if (!text) throw new UsageError('missing the text to search for');
      return withServices(dataDir, async ({ store }) => {
        const hits = store.search(text, { limit: values.limit ? Number(values.limit) : 50 });
        if (values.json) io.out(`${JSON.stringify(hits)}\n`);
        else if (hits.length === 0) io.out(`No messages match "${text}".\n`);
        else io.out(hits.map((h) => `${h.chatId}  ${h.chatTitle}\n  ${h.role}: ${h.snippet.replace(/\s+/g, ' ')}`).join('\n') + '\n');
        return 0;
      });
    }
    case 'rm': {
      const id = requireArg(rest[0], 'a chat id');
      // The same front as the app: a reply still being written is stopped and stored first, and every window hears of it.
      return withServices(dataDir, async ({ store, chat }) => {
        store.getChat(id);
        await chat.deleteChat(id);
        io.out(`Deleted chat ${id}\n`);
        return 0;
      });
    }
    default:
      throw new UsageError(sub ? `unknown chats command "${sub}"\n${CHATS_USAGE}` : CHATS_USAGE);
  }
}
