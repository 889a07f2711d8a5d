// Japanese strings of the 'page' namespace: every key of ../en/page.ts (the type makes a missing one a compile error).
import type { page as en } from '../en/page';

export const page: Record<keyof typeof en, string> = {};
