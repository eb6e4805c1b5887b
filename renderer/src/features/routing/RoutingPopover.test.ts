import { describe, expect, it } from 'vitest';
import { languageName } from './RoutingPopover.js';

describe('languageName (the language shown beside the routing method)', () => {
  it("names the message's language in the interface's language", () => {
    expect(languageName('es', 'en')).toBe('Spanish');
    expect(languageName('hi', 'en')).toBe('Hindi');
    expect(languageName('de', 'de')).toBe('Deutsch');
  });

  it("shows nothing for 'und', for decisions stored without a language, and for codes Intl cannot name", () => {
    expect(languageName('und', 'en')).toBeNull();
    expect(languageName(undefined, 'en')).toBeNull();
    expect(languageName('zz', 'en')).toBeNull();
  });
});
