import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** What the client knows about one message it sent, and how the run ended it. */
export interface LedgerEntry {
  n: number;
  text: string;
  /** chat.turn's reply, if it arrived before the kill: only then was the message acknowledged. */
  ack: { chatId: string; userMessageId: string; messageId: string } | null;
  /** Every chat.delta of the reply, with the client's clock when it arrived. */
  deltas: Array<{ at: number; text: string }>;
  done: { content: string; finishReason: string; error: unknown } | null;
  /** What ended the reply: the app killed (at `killedAt`), the engine killed, or nothing. */
  fate: 'app-killed' | 'engine-killed' | 'finished';
  killedAt: number | null;
}

export interface LedgerCheck {
  violations: string[];
  /** Oldest text the client had received but the database lacked, in ms before the kill (0 when nothing was missing). */
  worstUnsavedMs: number;
  statuses: Record<string, number>;
}

interface Row {
  id: string;
  role: string;
  content: string;
  status: string;
  finish_reason: string | null;
}

const clip = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/**
 * Checks the database against everything the client was told, through a
 * separate read-only connection (the app may be running: WAL allows it).
 * `persistIntervalMs + slackMs` is how stale the stored text of a killed
 * reply may be: text received earlier than that before the kill must be there.
 */
export function verifyLedger(dbFile: string, ledger: readonly LedgerEntry[], options: { persistIntervalMs: number; slackMs: number }): LedgerCheck {
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  const violations: string[] = [];
  const statuses: Record<string, number> = {};
  let worstUnsavedMs = 0;
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') violations.push(`integrity_check: ${String(integrity)}`);
    const byId = db.prepare<[string], Row>('SELECT id, role, content, status, finish_reason FROM messages WHERE id = ?');
    const byContent = db.prepare<[string], Row>("SELECT id, role, content, status, finish_reason FROM messages WHERE role = 'user' AND content = ?");
    for (const entry of ledger) {
      const where = `message ${entry.n}`;
      if (!entry.ack) {
        // Killed before the answer: it may or may not be there, but never half-written.
        for (const row of byContent.all(entry.text)) if (row.status !== 'complete') violations.push(`${where}: unacknowledged user message stored as ${row.status}`);
        continue;
      }
      const user = byId.get(entry.ack.userMessageId);
      if (!user) violations.push(`${where}: the acknowledged user message ${entry.ack.userMessageId} is missing`);
      else if (user.content !== entry.text || user.status !== 'complete') violations.push(`${where}: the user message is ${user.status} ${clip(user.content)}`);
      const reply = byId.get(entry.ack.messageId);
      if (!reply) {
        violations.push(`${where}: the reply ${entry.ack.messageId} is missing`);
        continue;
      }
      statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
      const received = entry.deltas.map((d) => d.text).join('');
      if (entry.done && entry.done.error === null) {
        if (reply.status !== 'complete' || reply.content !== entry.done.content) violations.push(`${where}: finished as ${clip(entry.done.content)} but stored ${reply.status} ${clip(reply.content)}`);
        continue;
      }
      if (entry.done) {
        // The engine died: the app stays up and stores the reply as failed with every word the user saw.
        if (reply.status !== 'error' || reply.finish_reason !== 'crashed') violations.push(`${where}: after an engine crash the reply is ${reply.status}/${reply.finish_reason}`);
        if (reply.content !== received) violations.push(`${where}: after an engine crash stored ${clip(reply.content)}, the client saw ${clip(received)}`);
        continue;
      }
      if (entry.fate !== 'app-killed' || entry.killedAt === null) {
        violations.push(`${where}: no chat.done arrived, yet the app was not killed`);
        continue;
      }
      // 'complete' is right too: the reply finished and was stored while its chat.done was still on the way.
      if (reply.status !== 'interrupted' && reply.status !== 'complete') violations.push(`${where}: cut off by a kill but stored as ${reply.status}`);
      if (!received.startsWith(reply.content) && !reply.content.startsWith(received)) {
        violations.push(`${where}: stored ${clip(reply.content)} disagrees with the streamed ${clip(received)}`);
      }
      // Every delta that arrived long enough before the kill must be in the database.
      let prefix = '';
      for (const d of entry.deltas) {
        prefix += d.text;
        if (reply.content.startsWith(prefix)) continue;
        const age = entry.killedAt - d.at;
        worstUnsavedMs = Math.max(worstUnsavedMs, age);
        if (age > options.persistIntervalMs + options.slackMs) violations.push(`${where}: text received ${Math.round(age)} ms before the kill is not stored (${clip(prefix)} vs ${clip(reply.content)})`);
        break;
      }
    }
  } finally {
    db.close();
  }
  return { violations, worstUnsavedMs, statuses };
}
