// Japanese strings of the 'imports' namespace: every key of ../en/imports.ts (the type makes a missing one a compile error).
import type { imports as en } from '../en/imports';

export const imports: Record<keyof typeof en, string> = {};
