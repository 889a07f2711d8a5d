// Japanese strings of the 'io' namespace: every key of ../en/io.ts (the type makes a missing one a compile error).
import type { io as en } from '../en/io';

export const io: Record<keyof typeof en, string> = {};
