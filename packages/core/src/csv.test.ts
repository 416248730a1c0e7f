import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_BOM, csvField, csvRow, parseCsv } from "./csv.ts";

describe("csvField", () => {
  it.each([
    ["plain text", "Kutai Timur", "Kutai Timur"],
    ["an ISO time", "2026-03-01T08:00:00.000Z", "2026-03-01T08:00:00.000Z"],
    ["a region code", "64.08.01", "64.08.01"],
    ["the empty string", "", ""],
  ])("writes %s as it is, without quotes", (_, value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ["a comma", "Sangatta, Kutai Timur", '"Sangatta, Kutai Timur"'],
    ["quotes, doubled", 'kata "darurat"', '"kata ""darurat"""'],
    ["a line feed", "baris 1\nbaris 2", '"baris 1\nbaris 2"'],
    ["a carriage return and line feed", "baris 1\r\nbaris 2", '"baris 1\r\nbaris 2"'],
    ["a lone quote", '"', '""""'],
  ])("quotes a field with %s", (_, value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ["=", '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["+", "+62 812", "'+62 812"],
    ["-", "-5", "'-5"],
    ["@", "@SUM(A1)", "'@SUM(A1)"],
    ["a tab", "\t=1", "'\t=1"],
    ["a carriage return", "\r=1", '"\'\r=1"'],
  ])("prefixes text starting with %s by an apostrophe, so it never runs as a formula", (_, value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it("quotes a prefixed field that also holds a comma", () => {
    expect(csvField("=1+2,3")).toBe(`"'=1+2,3"`);
    expect(csvField("-a,b")).toBe(`"'-a,b"`);
  });

  it("does not prefix formula characters that are not at the start", () => {
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("user@example.id")).toBe("user@example.id");
  });

  it("writes numbers, negative ones too, and booleans as they are", () => {
    expect(csvField(42)).toBe("42");
    expect(csvField(-5)).toBe("-5");
    expect(csvField(-0.25)).toBe("-0.25");
    expect(csvField(false)).toBe("false");
  });

  it("writes null and undefined as empty fields", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("writes objects and arrays as JSON, quoted", () => {
    const changes = [{ field: "urgency", before: "normal", after: "urgent" }];
    expect(csvField(changes)).toBe(`"${JSON.stringify(changes).replaceAll('"', '""')}"`);
    expect(csvField({})).toBe("{}");
  });

  it("does not prefix JSON that holds a formula character only inside", () => {
    expect(csvField({ a: "=1" })).toBe('"{""a"":""=1""}"');
  });
});

describe("csvRow", () => {
  it("joins the fields with commas and ends the row with CRLF", () => {
    expect(csvRow(["a", 1, null, "b c"])).toBe("a,1,,b c\r\n");
    expect(csvRow([])).toBe("\r\n");
  });

  it("reads back as the same values with an RFC 4180 parser", () => {
    const values = [
      7,
      "2026-03-01T08:00:00.000Z",
      'Komentar "penting", dengan koma\r\nbaris kedua\nbaris ketiga',
      "=cmd|' /C calc'!A0",
      -3,
      null,
      undefined,
      [{ field: "summary", before: 'a,"b"', after: "c\nd" }],
      "",
    ];
    const csv = CSV_BOM + csvRow(["seq", "at", "comment", "formula", "n", "empty", "missing", "changes", "blank"]);
    const records: string[][] = parse(csv + csvRow(values), { bom: true, relax_column_count: false });
    const [header, row, ...rest] = records;
    expect(rest).toEqual([]);
    expect(header).toHaveLength(values.length);
    expect(row).toEqual([
      "7",
      "2026-03-01T08:00:00.000Z",
      'Komentar "penting", dengan koma\r\nbaris kedua\nbaris ketiga',
      "'=cmd|' /C calc'!A0",
      "-3",
      "",
      "",
      JSON.stringify(values[7]),
      "",
    ]);
    expect(JSON.parse(row![7]!)).toEqual(values[7]);
  });

  it("starts a file with a UTF-8 byte order mark", () => {
    expect(Buffer.from(CSV_BOM, "utf8")).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

describe("parseCsv", () => {
  it("reads back what csvRow writes, whatever the field holds", () => {
    const rows = [
      ["Sangatta, Kutai Timur", 'kata "darurat"', "baris 1\r\nbaris 2", ""],
      ['"', ",", "plain", "baris\nsatu"],
    ];
    expect(parseCsv(CSV_BOM + rows.map(csvRow).join(""))).toEqual(rows);
  });

  it("takes LF and CRLF line ends and a missing last line end, and skips empty lines", () => {
    expect(parseCsv("a,b\n\nc,d\r\ne,")).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", ""],
    ]);
  });

  it("refuses malformed quoting", () => {
    expect(() => parseCsv('a,"never closed\n')).toThrow("never closed");
    expect(() => parseCsv('a,"quoted"x\n')).toThrow('unexpected "x"');
  });

  it.each(["provinces", "regencies", "districts", "villages"])(
    "reads idn-area-data's %s file exactly as csv-parse does",
    (area) => {
      const text = readFileSync(
        new URL(`../../../node_modules/idn-area-data/data/${area}.csv`, import.meta.url),
        "utf8",
      );
      expect(parseCsv(text)).toEqual(parse(text, { skip_empty_lines: true }));
    },
  );
});
