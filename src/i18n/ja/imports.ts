// Japanese strings of the 'imports' namespace: every key of ../en/imports.ts (the type makes a missing one a compile error).
import type { imports as en } from '../en/imports';

export const imports: Record<keyof typeof en, string> = {
  // ---- ファイル全体（fileText.ts） ----
  'tooBig.sites':
    '{{name}} のサイズは {{size}} です。Headroom で読み込める拠点ファイルは {{limit}} MB までです（エンジンの上限である {{max}} 拠点でも CSV で約 3 MB に収まります）',
  'tooBig.scenario':
    '{{name}} のサイズは {{size}} です。Headroom で開けるシナリオファイルは {{limit}} MB までです（エンジンの上限である {{max}} 拠点のシナリオでも十分に収まります）',
  'wrongKind.sites':
    '{{name}} は拠点リストではなく Headroom のシナリオファイルのようです。シナリオとして開いてください（ページ：読み込みはどちらの種類も受け付けます。CLI：--scenario で指定してください）',
  'wrongKind.scenario':
    '{{name}} はシナリオではなく拠点リスト（{{format}}）のようです。拠点として読み込んでください（ページ：読み込みはどちらの種類も受け付けます。CLI：--sites で指定してください）',
  'binary.ods':
    '{{name}} は OpenDocument スプレッドシートです。CSV で保存し（ファイル › 名前を付けて保存 › CSV UTF-8）、そのファイルを読み込んでください',
  'binary.numbers':
    '{{name}} は Numbers スプレッドシートです。CSV に書き出し（ファイル › 書き出す › CSV）、そのファイルを読み込んでください',
  'binary.xlsx': '{{name}} は Excel ブックです。CSV で保存し（ファイル › 名前を付けて保存 › CSV UTF-8）、そのファイルを読み込んでください',
  'binary.zip': '{{name}} は zip アーカイブです。展開して、中の CSV、GeoJSON またはシナリオ JSON を読み込んでください',
  'binary.xls':
    '{{name}} は Excel 97–2003 ブック（.xls）です。CSV で保存し（ファイル › 名前を付けて保存 › CSV UTF-8）、そのファイルを読み込んでください',
  'binary.workbook':
    '{{name}} はスプレッドシートのブックの名前です。CSV で保存し（ファイル › 名前を付けて保存 › CSV UTF-8）、そのファイルを読み込んでください',
  'binary.pdf': '{{name}} は PDF 文書です。作成元のプログラムから表を CSV に書き出し、そのファイルを読み込んでください',
  'binary.gzip': '{{name}} は gzip 圧縮されています。展開し（gunzip）、中のファイルを読み込んでください',
  'binary.arrow': '{{name}} は Apache Arrow ファイル（Headroom の結果テーブル）であり、拠点リストでもシナリオでもありません',
  'binary.parquet': '{{name}} は Parquet ファイルです。CSV に書き出し、そのファイルを読み込んでください',
  'binary.utf32': '{{name}} は UTF-32 テキストです。UTF-8（または UTF-16）で保存し、そのファイルを読み込んでください',
  'binary.data':
    '{{name}} はテキストではなくバイナリデータです（{{detail}}）。Headroom が読み込めるのは CSV、GeoJSON、シナリオ JSON のテキストファイルです',
  'binary.nulByte': '{{at}}に NUL バイト',
  'binary.nulChar': '{{n}} 文字目に NUL 文字',
  'binary.controlChar': '{{n}} 文字目に制御文字',
  at: '{{line}} 行目、{{byte}} バイト目',
  'encoding.utf16':
    '{{name}} は {{encoding}} テキストのように始まりますが、有効な {{encoding}} ではありません。UTF-8 で保存してください（Excel：ファイル › 名前を付けて保存 › CSV UTF-8）',
  'encoding.notUtf8':
    '{{name}} は UTF-8 テキストではありません（{{at}}に 0x{{byte}}。Shift_JIS、Windows-1252 などのファイルでは？）。UTF-8 で保存してください（Excel：ファイル › 名前を付けて保存 › CSV UTF-8）',

  // ---- 問題の位置と一覧（importIssues.ts） ----
  'where.row': '{{row}} 行目',
  'where.column': '列 {{column}}',
  'where.rowColumn': '{{row}} 行目、列 {{column}}',
  issue: '{{where}}：{{message}}',
  more: '…ほか {{n}} 件の問題',

  // ---- 値とセル（siteColumns.ts） ----
  'value.list': 'リスト',
  'value.object': 'オブジェクト',
  'list.more': '{{shown}}、…（ほか {{n}} 件）',
  'number.lat': '度単位の数値（十進数、北緯が正）',
  'number.lon': '度単位の数値（十進数、東経が正）',
  'number.itLoadMW': 'MW 単位の数値',
  'number.plannedYear': '2028 のような年',
  'number.rampYears': '年数',
  'number.acceleratorImportShare': '[0, 1] の範囲の数値',
  'number.any': '数値',
  'cell.number': '{{words}}で指定してください（値：{{got}}）',
  'cell.numberHint': '{{words}}で指定してください（値：{{got}}。{{hint}}）',
  'hint.unit': '単位は付けないでください',
  'hint.decimal': '小数点にはピリオドを使い、桁区切りは入れないでください',
  'cell.json': '自家発電は JSON で指定してください（例：{"capacityMW":600,"kind":"gasTurbine","availability":0.9}）（値：{{got}}）',
  'cell.jsonFlexible': '柔軟接続は JSON で指定してください（例：{"connectionYearsEarlier":1,"curtailedShare":0.005}）（値：{{got}}）',
  'cell.boolean': 'true または false で指定してください（値：{{got}}）',
  'cell.sourceTitle': 'source_url または source_date を指定する場合は必須です',
  'mistake.itLoadMW': 'Headroom は itLoadMW をメガワット（MW）単位で読み取ります',
  'mistake.lat': 'Headroom は lat を十進数の度で読み取ります',
  'mistake.lon': 'Headroom は lon を十進数の度で読み取ります',
  'mistake.plannedYear': 'Headroom は plannedYear（拠点が受電を始める年）を読み取ります',
  'header.repeated': '{{times}} 回出てきます（{{letters}} 列）。1 つだけ残してください',
  'header.position': 'プロパティ {{name}} は無視します。位置は Point ジオメトリから取ります',
  'ignored.column': '列 {{name}} は拠点の列ではないため無視しました',
  'ignored.columnReads': '列 {{name}} は拠点の列ではないため無視しました（Headroom が読み取るのは {{target}} です）',
  'ignored.property': 'プロパティ {{name}} は拠点の項目ではないため無視しました',
  'ignored.propertyReads': 'プロパティ {{name}} は拠点の項目ではないため無視しました（Headroom が読み取るのは {{target}} です）',
  'ignored.moreColumns': '…ほか {{n}} 列を無視しました',
  'ignored.moreProperties': '…ほか {{n}} 個のプロパティを無視しました',

  // ---- 拠点リスト（importSites.ts） ----
  'site.required': '必須です',
  'site.typeA': '{{expected}} 型で指定してください（値：{{got}}）',
  'site.typeAn': '{{expected}} 型で指定してください（値：{{got}}）',
  'site.value': '{{message}}（値：{{got}}）',
  'site.region': '地域 {{region}} はありません（既知の地域：{{known}}）',
  'site.regionNear': '地域 {{region}} はありません（{{near}} の誤りでは？）（既知の地域：{{known}}）',
  'site.regionNone': 'なし',
  'site.duplicate': '拠点 ID {{id}} が重複しています（{{first}}にもあります）',
  'site.defaulted_one': '{{count}} 拠点で rampYears または acceleratorImportShare が空欄のため、1 とし、仮定（assumed）として記録しました',
  'site.defaulted_other':
    '{{count}} 拠点で rampYears または acceleratorImportShare が空欄のため、1 とし、仮定（assumed）として記録しました',
  'site.tooMany': '拠点が {{n}} 件あります。エンジンが扱えるのは最大 {{max}} 拠点です（ファイルを分割するか、拠点を減らしてください）',
  'site.tooWideHeader':
    'ヘッダー行に {{n}} 列あります。拠点リストの列は最大 {{max}} です（拠点リストか、また区切り文字が「,」「;」またはタブかを確認してください）',
  'site.tooWideFeatures':
    'フィーチャーのプロパティ名が {{n}} 種類あります。拠点リストの列は最大 {{max}} です（拠点リストか、また区切り文字が「,」「;」またはタブかを確認してください）',
  'site.replacementChar':
    'ファイルに � (U+FFFD) が含まれています。以前の変換で文字が失われた箇所に残るものです。該当する名前を確認してください',
  'site.readFailed': '{{name}} を読み取れませんでした：{{error}}',
  'csv.quote': '引用符で始まる値に閉じる " がありません',
  'csv.empty': 'ファイルが空です。列名を並べたヘッダー行が必要です',
  'csv.missing': 'この列がありません。拠点リストには列 {{required}} が必要です',
  'csv.extra': '値が {{values}} 個ありますが、ヘッダーは {{columns}} 列です（引用符で囲まれていないカンマでは？）',
  'csv.noRows': '拠点がありません。ヘッダー行はありますが、データ行がありません',
  'geo.type': 'type が {{type}} のオブジェクト',
  'geo.noType': 'type のないオブジェクト',
  'geo.json': '有効な JSON ではありません：{{error}}',
  'geo.notCollection': 'Point フィーチャーの GeoJSON FeatureCollection が必要です（値：{{got}}）',
  'geo.featuresList': 'Point フィーチャーのリストである必要があります',
  'geo.featuresEmpty': '空です。読み込む拠点がありません',
  'geo.feature': 'Feature である必要があります（値：{{got}}）',
  'geo.properties': 'オブジェクトである必要があります（値：{{got}}）',
  'geo.geometry': '座標 [lon, lat] を持つ Point である必要があります',
  'geo.geometryNull': '座標 [lon, lat] を持つ Point である必要があります（値：null）',
  'geo.point': '拠点ごとに 1 つの Point である必要があります（値：{{got}}）',
  'geo.coordinates': '十進数の度による [lon, lat] である必要があります（値：{{got}}）',
  'rule.finite': '有限の数値である必要があります',
  'rule.wholeYear': '整数の年である必要があります',
  'rule.yearWithin': '[{{lo}}, {{hi}}] の範囲の年である必要があります',
  'rule.degreesWithin': '[{{lo}}, {{hi}}] 度の範囲内である必要があります',
  'rule.within': '[{{lo}}, {{hi}}] の範囲内である必要があります',
  'rule.withinMinMax': '[min, max] の範囲内である必要があります',
  'rule.bounded': '[{{lo}}, {{hi}}] の範囲に収まる必要があります（{{detail}}）',
  'rule.set': '指定が必要です（{{detail}}）',
  'rule.itLoad':
    '拠点ごとに {{site}} 以下（発表済みの最大級のキャンパスでも約 5 GW）、"aggregate": true の項目（地域の名前のない拠点群をまとめた 1 項目）は {{aggregate}} 以下である必要があります',
  'rule.above': '{{x}} より大きい必要があります',
  'rule.atLeast': '{{x}} 以上である必要があります',
  'rule.atMost': '{{x}} 以下である必要があります',
  'rule.oneOf': '次のいずれかである必要があります：{{list}}',
  'rule.numberOrDist': '数値または分布 {{spec}} である必要があります',
  'rule.idChars': '英字・数字・_ . - のみ使えます',
  'rule.minModeMax': 'min ≤ mode ≤ max かつ min < max である必要があります',
  'rule.notEmpty': '空にはできません',
  'rule.regionId': '地域 ID を指定する必要があります',
  'rule.twoInputs': '異なる 2 つの入力を指定する必要があります',
  'rule.oneRegion': '地域を 1 つ以上挙げる必要があります',
  'rule.oneSite': '拠点を 1 つ以上挙げる必要があります',
  'rule.typeA': '{{type}} である必要があります',
  'rule.typeAn': '{{type}} である必要があります',
};
