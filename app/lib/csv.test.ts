import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, parseCsv, safeCellText } from "./csv";

const FORMULA_START = /^[=+\-@\t\r]/;
const E164 = /^\+[1-9]\d{1,14}$/;

describe("CSV cells (RFC 4180)", () => {
  it("leaves plain text as it is and quotes a cell with a comma, a quote or a line break", () => {
    expect(csvCell("1-800-FLOWERS")).toBe("1-800-FLOWERS");
    expect(csvCell("")).toBe("");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvCell(" spaced ")).toBe(" spaced "); // spaces are part of a cell
  });

  it("ends every line with CRLF", () => {
    expect(csvLine(["number", "calls"])).toBe("number,calls\r\n");
    expect(csvLine(["+12065550100", 2, "a,b"])).toBe('+12065550100,2,"a,b"\r\n');
    expect(csvLine([])).toBe("\r\n");
  });

  it("writes numbers as numbers", () => {
    expect(csvCell(2)).toBe("2");
    expect(csvCell(-3)).toBe("-3"); // a number, not a formula
    expect(csvCell(Number.NaN)).toBe("NaN");
    expect(csvCell(Number.NEGATIVE_INFINITY)).toBe("'-Infinity");
  });
});

describe("formula injection", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ["+1-800-FLOWERS", "'+1-800-FLOWERS"],
    ["+44-20-7-WHO-0958", "'+44-20-7-WHO-0958"], // a vanity number, not E.164: Excel would compute it
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", '"\'\r=1"'],
  ])("puts an apostrophe before %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("leaves an E.164 number as it is, and only an exact one", () => {
    expect(csvCell("+12065550100")).toBe("+12065550100");
    expect(csvCell("+442079460958")).toBe("+442079460958");
    expect(csvCell("+1 206 555 0100")).toBe("'+1 206 555 0100");
    expect(csvCell("+12065550100=1")).toBe("'+12065550100=1");
    expect(csvCell("+0123")).toBe("'+0123");
    expect(csvCell("+1234567890123456")).toBe("'+1234567890123456"); // 16 digits
  });

  it("leaves text that only contains a formula character later", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("2026-12-02T09:41:07.000Z")).toBe("2026-12-02T09:41:07.000Z");
    expect(csvCell("1-800-FLOWERS | 1-800-FLOWER-7")).toBe("1-800-FLOWERS | 1-800-FLOWER-7");
  });
});

describe("properties", () => {
  // Strings rich in the characters that matter, plus anything at all.
  const tricky = fc.oneof(
    fc.string(),
    fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "'", "a", "1", " ") }),
    fc.stringMatching(E164),
    fc.string({ unit: "binary" }),
  );

  it("a cell parses back to the safe value, and never begins with a formula character unless it is E.164", () => {
    fc.assert(
      fc.property(tricky, (value) => {
        const safe = safeCellText(value);
        expect(parseCsv(csvLine([value]))).toEqual([[safe]]);
        if (FORMULA_START.test(safe)) expect(safe).toMatch(E164);
        // The apostrophe is the only change.
        expect(safe === value || safe === `'${value}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("lines of cells parse back to the same rows", () => {
    fc.assert(
      fc.property(fc.array(fc.array(tricky, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((row) => csvLine(row)).join("");
        expect(text.endsWith("\r\n")).toBe(true);
        expect(parseCsv(text)).toEqual(rows.map((row) => row.map(safeCellText)));
      }),
    );
  });
});

describe("parseCsv", () => {
  it("reads quoted cells, doubled quotes and both line ends, with no row after the last line end", () => {
    expect(parseCsv('a,"b,c","d""e"\r\nf,,g\n')).toEqual([
      ["a", "b,c", 'd"e'],
      ["f", "", "g"],
    ]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\r\n")).toEqual([[""]]);
    expect(parseCsv("last")).toEqual([["last"]]);
  });
  it("refuses a file that ends inside quotes", () => {
    expect(() => parseCsv('"open')).toThrow(/quoted cell/);
  });
});
