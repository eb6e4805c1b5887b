// Renderer tests query by English text: start every test file in English,
// whatever language the machine running them prefers.
import { i18n } from '../i18n/i18n.js';

await i18n.changeLanguage('en');
