import { formatNumber, generalNumberText } from "../../src/xlsx/number-format";

describe("formatNumber", () => {
  it.each([
    [1234.5, "#,##0.00", "1,234.50"],
    [0, "#,##0.00", "0.00"],
    [-9274.75, "#,##0.00", "-9,274.75"],
    [1.005, "0.00", "1.01"],
    [394.815, "#,##0.00", "394.82"],
    [1234567.891, "#,##0", "1,234,568"],
    [0.1258, "0.00%", "12.58%"],
    [1, "0%", "100%"],
    [12.5, "0.0#", "12.5"],
    [12.345, "0.0#", "12.35"],
    [0.5, "#.00", ".50"],
    [-5, "#,##0.00;(#,##0.00)", "(5.00)"],
    [-5, "#,##0.00;[Red]-#,##0.00", "-5.00"],
    [0, "#,##0.00;-#,##0.00;\"-\"", "-"],
    [1234.5, "#,##0.00_ ", "1,234.50 "],
    [1234.5, "\"¥\"#,##0.00", "¥1,234.50"],
    [1234.5, "[$¥-804]#,##0.00", "¥1,234.50"],
    [1234.5, "#,##0.00\"万元\"", "1,234.50万元"],
    [1500000, "#,##0.0,,", "1.5"],
  ])("%p with %p → %p", (value, format, expected) => {
    expect(formatNumber(value, format)).toBe(expected);
  });

  it("uses the General text for General, text and date formats", () => {
    expect(formatNumber(19.4, undefined)).toBe("19.4");
    expect(formatNumber(19.4, "General")).toBe("19.4");
    expect(formatNumber(2010301, "@")).toBe("2010301");
    expect(formatNumber(44524, "yyyy-mm-dd")).toBe("44524");
  });
});

describe("generalNumberText", () => {
  it("shows at most 10 significant digits, like Excel", () => {
    expect(generalNumberText(0.1 + 0.2)).toBe("0.3");
    expect(generalNumberText(308.18 + 19.4 + 27.5 + 39.73)).toBe("394.81");
    expect(generalNumberText(-42)).toBe("-42");
    expect(generalNumberText(123456789012)).toBe("1.23457E+11");
  });
});
