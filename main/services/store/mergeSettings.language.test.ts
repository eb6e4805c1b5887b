import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../contract/entities.js';
import { HearthError } from '../../contract/errors.js';
import { mergeSettings, settingsFromRows } from './mergeSettings.js';

// The UI language (issue 19): null follows the system; a tag picks a catalogue in the renderer.
describe('settings.language', () => {
  it('defaults to null (follow the system), also for a database written before the field existed', () => {
    expect(DEFAULT_SETTINGS.language).toBeNull();
    expect(settingsFromRows([{ key: 'theme', value_json: '"dark"' }]).language).toBeNull();
  });

  it('keeps a stored tag and drops a malformed one to the default', () => {
    expect(settingsFromRows([{ key: 'language', value_json: '"zh-CN"' }]).language).toBe('zh-CN');
    expect(settingsFromRows([{ key: 'language', value_json: '"../../etc"' }]).language).toBeNull();
  });

  it('is set and cleared with an update, and refuses what is not a language tag', () => {
    const arabic = mergeSettings(DEFAULT_SETTINGS, { language: 'ar' });
    expect(arabic.language).toBe('ar');
    expect(mergeSettings(arabic, { language: null }).language).toBeNull();
    expect(() => mergeSettings(DEFAULT_SETTINGS, { language: 'Arabic!' })).toThrow(HearthError);
    expect(() => mergeSettings(DEFAULT_SETTINGS, { language: 'Arabic!' })).toThrow(/language/);
  });
});
