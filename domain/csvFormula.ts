/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): Excel, LibreOffice and Google Sheets read a cell that
 * starts with one of these characters as a formula, so a model's answer such as `=HYPERLINK("https://…"&A1)` would
 * run when a reviewer opens the export. Both CSV writers (the daemon's COPY and the extension's) neutralise such a
 * cell the way OWASP recommends: a leading `'`, which spreadsheets show as text and do not display.
 */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/** The cell as a spreadsheet may safely read it; only for CSV, never for JSON or Parquet, which stay exact. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_TRIGGERS.includes(cell.charAt(0)) ? `'${cell}` : cell;
}
