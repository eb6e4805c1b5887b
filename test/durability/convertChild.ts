/**
 * One conversion in its own process, for the kill harness
 * (runConversionKills.ts): `node --import tsx convertChild.ts <db> on|off`,
 * passphrase in HEARTH_PASSPHRASE. Prints "converted" when done.
 */
import { convertDatabase } from '../../main/services/privacy/convertDatabase.js';

const [file, direction] = process.argv.slice(2);
const key = process.env.HEARTH_PASSPHRASE ?? '';
if (!file || (direction !== 'on' && direction !== 'off')) {
  process.stderr.write('usage: convertChild.ts <db> on|off\n');
  process.exit(2);
}
convertDatabase({ file, fromKey: key, toKey: direction === 'on' ? key : null });
process.stdout.write('converted\n');
