import fs from 'node:fs';
import path from 'node:path';
import { HearthError } from '../../../contract/errors.js';

/** Windows device names: a file called NUL or COM1.gguf in any folder opens the device, not a file. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** POSIX folders whose entries are devices and kernel files, never model files. */
const POSIX_DEVICE_DIRS = ['/dev', '/proc', '/sys'];

const under = (file: string, dir: string) => file === dir || file.startsWith(`${dir}/`);

function refuse(file: string, what: string): never {
  throw new HearthError('INVALID_PARAMS', `${file.slice(0, 300)} is ${what}; Hearth adds only model files on this computer's own disks. Copy the .gguf file into a local folder and add it from there.`);
}

/**
 * Refuses, on every platform, the paths a model file never has: network shares
 * (\\server\share, //server/share: opening one makes Windows send the user's
 * credentials to that server), Windows device namespaces (\\.\, \\?\) and
 * device names (NUL, COM1.gguf), and POSIX device and kernel folders (/dev,
 * /proc, /sys), also when a symlink leads there. The renderer is untrusted, so
 * this runs in the service, whichever shell asked.
 */
export function assertLocalModelPath(file: string): void {
  if (file.includes('\0')) refuse(JSON.stringify(file), 'not a valid path (it holds a NUL character)');
  if (/^[\\/]{2}[?.][\\/]/.test(file)) refuse(file, 'a Windows device path');
  if (/^[\\/]{2}/.test(file)) refuse(file, 'on a network share (a UNC path)');
  // Drive-relative device paths such as C:..\\..\\NUL, or any folder's NUL / COM1.txt.
  const base = file.split(/[\\/]/).pop() ?? '';
  if (WINDOWS_DEVICE.test(base.replace(/[. ]+$/, '').split('.')[0]!.trim())) refuse(file, 'a Windows device name, not a file');
  const resolved = path.resolve(file);
  const targets = [resolved];
  try {
    targets.push(fs.realpathSync(resolved));
  } catch {
    // A missing file is reported by the reader, with its own message.
  }
  for (const target of targets) {
    if (/^[\\/]{2}/.test(target)) refuse(file, 'on a network share (a UNC path)');
    if (path.sep === '/' && POSIX_DEVICE_DIRS.some((dir) => under(target, dir))) refuse(file, `in ${target.split('/').slice(0, 2).join('/')}, where devices and kernel files live`);
  }
}
