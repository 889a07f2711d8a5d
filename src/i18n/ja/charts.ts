// Japanese strings of the 'charts' namespace: every key of ../en/charts.ts (the type makes a missing one a compile error).
import type { charts as en } from '../en/charts';

export const charts: Record<keyof typeof en, string> = {};
