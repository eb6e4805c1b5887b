import type { Resource } from 'i18next';
import type { LanguageCode } from '../languages.js';
import type { Catalogue } from './Catalogue.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { hi } from './hi.js';
import { pt } from './pt.js';
import { zhCN } from './zh-CN.js';

/** Every shipped catalogue under i18next's default namespace. */
export const CATALOGUES: Record<LanguageCode, Catalogue> = { en, es, fr, de, pt, hi, 'zh-CN': zhCN, ar };

export const RESOURCES: Resource = Object.fromEntries(Object.entries(CATALOGUES).map(([code, catalogue]) => [code, { translation: catalogue }]));
