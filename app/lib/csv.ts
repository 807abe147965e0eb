// CSV as spreadsheets open it: RFC 4180 cells and lines (a cell is quoted when it holds a comma,
// a double quote, CR or LF; a double quote inside is doubled; lines end in CRLF), and safe from
// formula injection (OWASP "CSV Injection"): a cell that begins with = + - @ tab or CR would be
// run as a formula by Excel, LibreOffice or Google Sheets, so it gets a leading apostrophe and is
// read as text. The one exception is a phone number in E.164 ("+12065550100"), which stays as
// it is so that the export's numbers are E.164: digits after a plus cannot be a formula.
// Pure, no Node APIs: the export route uses it, and so can the browser and the tests.

/** A cell's value: text, or a number (written as JavaScript writes it). */
export type CsvValue = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;
const E164 = /^\+[1-9]\d{1,14}$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The text a spreadsheet will show for `value`: unchanged, or with a leading apostrophe if it could start a formula. */
export function safeCellText(value: CsvValue): string {
  // A finite number is data; a negative one ("-3") is not a formula. NaN and Infinity are text.
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  const text = String(value);
  return FORMULA_START.test(text) && !E164.test(text) ? `'${text}` : text;
}

/** One cell as it goes in the file: safe, then quoted when RFC 4180 needs it. */
export function csvCell(value: CsvValue): string {
  const text = safeCellText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of cells, CRLF included. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * Reads CSV back into rows of cells (RFC 4180: quoted cells, doubled quotes, CRLF or LF line
 * ends; a final line end does not start another row). For the tests and anyone checking an export;
 * it does not undo the apostrophe, which is part of the cell as a spreadsheet reads it.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        cell += ch;
        i += 1;
      }
    } else if (ch === '"' && cell === "") {
      quoted = true;
      i += 1;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
      i += 1;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      endRow();
      i += 2;
    } else if (ch === "\n") {
      endRow();
      i += 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  if (quoted) throw new Error("CSV ends inside a quoted cell");
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}
