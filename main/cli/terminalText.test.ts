import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gguf } from '../../scripts/fixtures/encodeGgufHeader.js';
import { minimalGguf } from '../../scripts/fixtures/minimalGguf.js';
import type { Io } from './cliContext.js';
import { modelsCommand } from './modelsCommand.js';
import { forTerminal } from './terminalText.js';

const HOSTILE_NAME = 'evil\u001b]0;pwned\u0007 model\u001b[2J\u001b[H\u009b31m';
/** ESC, BEL, CSI/OSC in 8 bits, and every other control but newline and tab. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('forTerminal', () => {
  it('removes OSC titles, CSI commands and other controls on a terminal, keeping newline and tab', () => {
    expect(forTerminal('a\u001b]0;pwned\u0007b', true)).toBe('ab');
    expect(forTerminal('a\u001b]2;title\u001b\\b', true)).toBe('ab');
    expect(forTerminal('x\u001b[2J\u001b[1;31my\u001b[0m', true)).toBe('xy');
    expect(forTerminal('x\u009b2Jy\u009d0;t\u009cz', true)).toBe('xyz');
    expect(forTerminal('bell\u0007 back\bspace\r\u0000\u007f', true)).toBe('bell backspace');
    expect(forTerminal('line 1\n\tline 2', true)).toBe('line 1\n\tline 2');
    expect(forTerminal('unterminated \u001b]0;title and more', true)).toBe('unterminated ');
    expect(forTerminal('trailing \u001b', true)).toBe('trailing ');
    expect(forTerminal('keypad \u001b=on', true)).toBe('keypad on');
    expect(forTerminal('héllo — 日本 🙂', true)).toBe('héllo — 日本 🙂');
  });

  it('passes text on unchanged when it goes to a pipe or a file', () => {
    expect(forTerminal('a\u001b[2Jb\u0007', false)).toBe('a\u001b[2Jb\u0007');
  });
});

describe('hearth models on a terminal, with a GGUF whose strings carry escapes', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-tty-'));
    file = path.join(dir, 'bad\u001b[31mname.gguf');
    fs.writeFileSync(file, minimalGguf({ set: { 'general.name': gguf.str(HOSTILE_NAME) } }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function fakeTty(isTty: boolean): Io & { text: () => string } {
    let out = '';
    return { out: (t) => void (out += t), err: (t) => void (out += t), isTty, text: () => out };
  }

  it('prints no ESC or BEL in models add, list and info', async () => {
    const dataDir = path.join(dir, 'data');
    const tty = fakeTty(true);
    expect(await modelsCommand(['add', file, '--link', '--data-dir', dataDir], tty)).toBe(0);
    expect(await modelsCommand(['list', '--data-dir', dataDir], tty)).toBe(0);
    const id = tty.text().match(/^Added (\S+)/)![1]!;
    expect(await modelsCommand(['info', id, '--data-dir', dataDir], tty)).toBe(0);
    const printed = tty.text();
    expect(printed).toContain('evil model'); // the name is shown, made harmless
    expect(printed).not.toMatch(UNSAFE);
    // A pipe gets the bytes as they are (JSON escapes them anyway).
    const pipe = fakeTty(false);
    await modelsCommand(['list', '--data-dir', dataDir], pipe);
    expect(pipe.text()).toContain(HOSTILE_NAME);
  }, 60_000);
});
