// The one CSV writer: every CSV the project writes goes through toCsv, so no cell a spreadsheet
// would read as a formula reaches a user. A text cell that starts with = + - @ (or their
// full-width forms, which some spreadsheets fold to ASCII), possibly after blanks, or with a tab or
// carriage return, is prefixed with an apostrophe and quoted (OWASP "CSV injection"). Numbers are
// never touched: -0.5 stays a number.
import Papa from 'papaparse';

/** Text cells a spreadsheet may evaluate as a formula. */
// Apostrophes already in front count too: "'=x" is written "''=x", so a reader that takes one
// apostrophe off a guarded cell (src/data/importSites.ts) gets every text back as it was.
export const FORMULA_START = /^(?:'*[\t\r]|[\s\u00a0\u3000]*'*[=+\-@\uff1d\uff0b\uff0d\uff20])/u;

export type CsvCell = string | number | bigint | boolean | null | undefined;

/** A CSV text with a header row, '\n' line ends and a final newline. */
export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const body = Papa.unparse({ fields: [...fields], data: rows as CsvCell[][] }, { newline: '\n', escapeFormulae: FORMULA_START });
  return `${body}\n`;
}
