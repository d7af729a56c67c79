/** Messages of the pure policy rules (src/domain): reasons, roster issues, plan issues. */
import type { Catalog } from './index.js';

export const messages: Catalog = {
  zh: {},
  en: {},
};
