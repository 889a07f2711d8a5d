// Japanese strings of the 'answer' namespace: every key of ../en/answer.ts (the type makes a missing one a compile error).
import type { answer as en } from '../en/answer';

export const answer: Record<keyof typeof en, string> = {};
