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
  'stored.shown': '{{time}} に保存した結果を、モデルを再実行せずに表示しています。設定を変えると再計算します。',
  'stored.none': 'この表示の結果はまだこのブラウザーに保存されていません。通常どおりモデルを実行し、次回からは結果をすぐに表示します。',
  'caption.scenarioYear': '{{scenario}}、{{year}}年',
  'caption.knobsChanged': 'シナリオから変更したつまみ：',
  'caption.knob': '{{label}} = {{value}} {{unit}}（シナリオ：{{base}}）',
  'caption.sources': '出典：{{list}}',
  'caption.noSources': '出典：シナリオに記載なし',
  'caption.more': '他 {{count}} 件',
  'caption.mapTitle': '計画中の AI データセンターが負荷を満たせない場所',
};
