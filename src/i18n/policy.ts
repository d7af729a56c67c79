/** Messages of the policy area. Keys: `issue.<code>` and `issue.<code>.hint` for Issue codes. */
import type { Catalog } from './index.js';

export const messages: Catalog = {
  zh: {},
  en: {},
};
