// Japanese strings of the 'ensemble' namespace: every key of ../en/ensemble.ts (the type makes a missing one a compile error).
import type { ensemble as en } from '../en/ensemble';

export const ensemble: Record<keyof typeof en, string> = {};
