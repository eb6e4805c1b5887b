import type { Io } from './cliContext.js';

/**
 * Escape sequences a terminal acts on: CSI (ESC [ ... final byte), OSC and the
 * other string commands (ESC ] / P / X / ^ / _ ... ended by BEL or ESC \, or
 * by the end of the text when a hostile string never ends them), their 8-bit
 * C1 forms (0x9B, 0x9D, 0x90, 0x98, 0x9E, 0x9F), and two-byte ESC commands.
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?',
    '(?:\\u001b[\\]PX^_]|[\\u009d\\u0090\\u0098\\u009e\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?',
  ].join('|'),
  'g',
);
/** C0 controls but tab (0x09) and newline (0x0a), DEL, and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text safe to print: on a terminal, model output and GGUF strings
 * (`general.name`, the architecture) could otherwise retitle the window
 * (OSC 0), clear the screen (CSI 2J), move the cursor over earlier lines or
 * ring the bell. Escape sequences are removed whole, then any control left
 * but newline and tab. Not a terminal (a pipe, a file): the text is data and
 * is passed on as it is.
 */
export function forTerminal(text: string, isTty: boolean): string {
  if (!isTty) return text;
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** The same Io with stdout passed through forTerminal (stderr is left to the caller: progress lines use \r on purpose). */
export function terminalIo(io: Io): Io {
  const isTty = io.isTty ?? process.stdout.isTTY === true;
  return { ...io, out: (text) => io.out(forTerminal(text, isTty)) };
}
