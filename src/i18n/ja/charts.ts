// Japanese strings of the 'charts' namespace: every key of ../en/charts.ts (the type makes a missing one a compile error).
import type { charts as en } from '../en/charts';

export const charts: Record<keyof typeof en, string> = {
  savePng: '{{title}}を PNG で保存',
  saveSvg: '{{title}}を SVG で保存',
  waiting: '最初の計算を待っています…',
  'series.year': '年',
  'series.region': '地域',

  'cause.title': '最初に何が制約になるか：供給されない計画 IT 負荷（要因別）',
  'cause.titleUnit': '最初に何が制約になるか：供給されない計画 IT 負荷（要因別、{{unit}}）',
  'cause.totalP95': '合計 P95',
  'cause.totalP5': '合計 P5',
  'cause.totalP50': '合計 P50',
  'cause.asWritten': 'シナリオ設定どおり（平均）',
  'cause.note':
    '積み上げ：要因別の供給されない MW の平均（合計すると平均の総量になります）。点線の間の灰色の帯：試行全体での総量の P5–P95、黒線：その中央値。',
  'cause.keyAsWritten': 'シナリオ設定どおりの場合（平均の総量）',

  'regionCause.title': '{{year}}年にどこで制約が生じるか：地域別・要因別の供給されない IT 負荷',
  'regionCause.titleUnit': '{{year}}年にどこで制約が生じるか：地域別・要因別の供給されない IT 負荷（{{unit}}、平均）',
  'regionCause.cumulative': '{{cause}}（累積）',

  'output.title': '{{label}}：{{what}}',
  'output.titleUnit': '{{label}}（{{unit}}）：{{what}}',
  'histogram.what': '分布',
  'histogram.axis': '試行の割合',
  'histogram.note': '破線：平均 {{mean}} ± {{se}} {{unit}}（モンテカルロ標準誤差）。',
  'histogram.noteOutside': '破線：平均 {{mean}} ± {{se}} {{unit}}（モンテカルロ標準誤差）。試行の {{outside}} は階級の範囲外です。',
  'exceedance.what': '超過確率',
  'exceedance.axis': 'P(値 > x)',
  'exceedance.note': '確率から横に読むと、その確率で超える値がわかります（50% の位置が P50）。',

  'fan.title': '年別の需要電力量と供給電力量',
  'fan.titleUnit': '年別の需要電力量と供給電力量（{{unit}}）',
  'fan.demandedP95': '需要 P95',
  'fan.demandedP5': '需要 P5',
  'fan.demandedP50': '需要 P50',
  'fan.demandedMean': '需要 平均',
  'fan.servedP95': '供給 P95',
  'fan.servedP5': '供給 P5',
  'fan.servedP50': '供給 P50',
  'fan.servedMean': '供給 平均',
  'fan.keyDemanded': '需要',
  'fan.keyServed': '供給',
  'fan.note': '帯：試行全体での P5–P95、実線：中央値、破線：平均。',

  'regionBars.title': '{{year}}年の系統地域：需要抑制リスクと系統ストレス',
  'regionBars.titleSubset': '{{year}}年の系統地域：需要抑制リスクと系統ストレス（{{subset}}）',
  'regionBars.pCurtail': 'P(抑制)',
  'regionBars.stressAxis': '系統ストレス P50',
  'regionBars.stressSeries': '系統ストレス P50',
  'regionBars.keyCurtail': '{{year}}年の P(抑制)',
  'regionBars.keyStress': '系統ストレス P50（右軸）',
  'regionBars.note': 'ストレス > 1：ピーク年のデータセンター需要が系統の空き容量を上回ります。拠点のある地域を、リスクの高い順に表示。',

  'siteLoad.title': '{{name}}：年別の IT 負荷（MW）',
  'siteLoad.site': '拠点',
  'siteLoad.planned': '計画',
  'siteLoad.expected': '供給の期待値',
  'siteLoad.pMiss': '未達確率',
};
