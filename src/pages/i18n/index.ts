/**
 * The message catalogue: one object per language, same shape. Swedish is the default; a person may
 * switch to English (the `lang` cookie, set by GET /lang/{sv|en}). Pages read `c.var.t`.
 */
import { en } from './en';
import { type Catalogue, sv } from './sv';

export type Lang = 'sv' | 'en';
export const catalogues: Record<Lang, Catalogue> = { sv, en };
export const LANG_COOKIE = 'lang';

export const langFrom = (cookie: string | undefined): Lang => (cookie === 'en' ? 'en' : 'sv');

export type { Catalogue };
