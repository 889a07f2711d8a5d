// Japanese strings of the 'map' namespace: every key of ../en/map.ts (the type makes a missing one a compile error).
import type { map as en } from '../en/map';

export const map: Record<keyof typeof en, string> = {};
