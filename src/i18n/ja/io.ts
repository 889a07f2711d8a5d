// Japanese strings of the 'io' namespace: every key of ../en/io.ts (the type makes a missing one a compile error).
import type { io as en } from '../en/io';

export const io: Record<keyof typeof en, string> = {
  saved: '{{name}} を保存しました。',
  noScenario: 'シナリオが読み込まれていません',
  noResult: '書き出せる結果がまだありません',
  'copied.link': 'リンクをクリップボードにコピーしました。',
  'copied.embed': '埋め込みコードをクリップボードにコピーしました。',
  'copyThis.link': 'このリンクをコピーしてください：{{text}}',
  'copyThis.embed': 'この埋め込みコードをコピーしてください：{{text}}',
};
