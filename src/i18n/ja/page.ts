// Japanese strings of the 'page' namespace: every key of ../en/page.ts (the type makes a missing one a compile error).
import type { page as en } from '../en/page';

export const page: Record<keyof typeof en, string> = {
  tagline:
    '計画中の AI データセンターは、必要な系統電力・冷却用水・機器を確保できるのか。パラメータを動かすと、地図とグラフが結果のばらつきを示します。',
  'map.heading': '拠点と系統地域',
  'map.year': '年',
  'map.yearLabel': '地図の年',
  'map.hidden': 'この表示では地図が非表示です',
  'selection.label': '{{rows}} 件中 {{n}} 件のパラメータセットを選択',
  'selection.mean': '選択した {{rows}} 件中 {{n}} 件のパラメータセットの平均',
  'selection.subset': '選択した {{rows}} 件中 {{n}} 件のセットの平均',
  'selection.clear': '選択を解除',
  'charts.heading': '分布',
  'charts.output': '出力',
  'charts.outputLabel': 'グラフの出力',
  'knobs.heading': 'パラメータ',
  'run.settings': '実行設定',
  'ensemble.label': 'パラメータセットのアンサンブル',
  'results.heading': '結果',
  'data.heading': '表と出典',
  'export.failed': 'エクスポートに失敗しました',
  'embed.title': 'Headroom：{{name}}',
  'embed.untitled': 'データセンターの電力・水・機器',
  'present.bar': 'プレゼンテーション',
  'present.showControls': '操作パネルを表示',
  'present.hideControls': '操作パネルを隠す',
} as const;
