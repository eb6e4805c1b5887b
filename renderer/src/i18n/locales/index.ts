import type { Resource } from 'i18next';
import type { LanguageCode } from '../languages.js';
import type { Catalogue } from './Catalogue.js';
import { en } from './en.js';

/** Every shipped catalogue under i18next's default namespace. */
export const CATALOGUES: Record<LanguageCode, Catalogue> = { en, es: en, fr: en, de: en, pt: en, hi: en, 'zh-CN': en, ar: en };

export const RESOURCES: Resource = Object.fromEntries(Object.entries(CATALOGUES).map(([code, catalogue]) => [code, { translation: catalogue }]));
