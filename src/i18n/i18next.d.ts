// Types every t('ns:key') call against the English resources: an unknown key is a compile error.
import 'i18next';
import type { en } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    keySeparator: false;
    resources: typeof en;
  }
}
