// Japanese strings of the 'knobs' namespace: every key of ../en/knobs.ts (the type makes a missing one a compile error).
import type { knobs as en } from '../en/knobs';

export const knobs: Record<keyof typeof en, string> = {};
