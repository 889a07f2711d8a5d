// Japanese strings of the 'app' namespace: every key of ../en/app.ts (the type makes a missing one a compile error).
import type { app as en } from '../en/app';

export const app: Record<keyof typeof en, string> = {
  'preset.global-2030': '世界（既定）',
  'preset.uk-2030': '英国',
  'preset.us-federal-sites': '米国の連邦用地',
  'preset.japan-2030': '日本',
  'toolbar.scenario': 'シナリオ',
  'toolbar.imported': '読み込み：{{name}}',
  'toolbar.resetToPreset': 'プリセットに戻す',
  'toolbar.importFile': 'シナリオまたは拠点を読み込む（.json, .csv, .geojson）',
  'toolbar.importMode': '読み込んだ拠点',
  'toolbar.importReplace': 'シナリオの拠点を置き換える',
  'toolbar.importAppend': 'シナリオの拠点に追加する',
  'toolbar.export': '書き出し',
  'toolbar.exportFiles': 'ファイルの書き出し',
  'export.map-png': '地図（PNG）',
  'export.results-json': '結果（JSON）',
  'export.results-csv': '結果（CSV）',
  'export.site-years-csv': '拠点別・年別（CSV）',
  'export.scenario-json': 'シナリオ（JSON）',
  'toolbar.copyLink': 'リンクをコピー',
  'toolbar.copyEmbed': '埋め込みコードをコピー',
  'toolbar.present': 'プレゼンテーションモード',
};
