/**
 * Displayed text of a number under an Excel number format, for the formats found in budget
 * tables (General, 0.00, #,##0.00, percentages, accounting formats with sections and
 * padding). exceljs does not format numbers itself. Date, time, fraction and scientific
 * formats fall back to the General text: the audit never reads those as amounts.
 */

export function isGeneralFormat(format: string | undefined): boolean {
  return !format || format === "General" || format === "general";
}

/** Excel's General format: up to 10 significant digits, no thousands separator. */
export function generalNumberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1e11 || abs < 1e-9) {
    const [mantissa, exponent] = value.toExponential(5).split("e");
    const trimmed = mantissa.replace(/\.?0+$/, "");
    const exp = Number(exponent);
    return `${trimmed}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(Number(value.toPrecision(10)));
}

export function formatNumber(value: number, format: string | undefined): string {
  if (isGeneralFormat(format) || format === "@" || !Number.isFinite(value)) return generalNumberText(value);
  const sections = splitSections(format as string);
  let section = sections[0];
  let showMinus = value < 0;
  if (value < 0 && sections.length >= 2) {
    section = sections[1];
    showMinus = false; // the negative section writes its own sign, or none (parentheses)
  } else if (value === 0 && sections.length >= 3) {
    section = sections[2];
  }
  const rendered = renderSection(Math.abs(value), section);
  if (rendered === null) return generalNumberText(value);
  return showMinus && /[1-9]/.test(rendered) ? `-${rendered}` : rendered;
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && !quoted && i + 1 < format.length) {
      current += ch + format[++i];
      continue;
    }
    if (ch === ";" && !quoted) {
      sections.push(current);
      current = "";
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

type Token = { literal: string } | { placeholder: string };

/** Returns null for formats this module does not render (dates, fractions, exponents). */
function renderSection(abs: number, section: string): string | null {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      tokens.push({ literal: section.slice(i + 1, stop) });
      i = stop;
    } else if (ch === "\\") {
      tokens.push({ literal: section[i + 1] ?? "" });
      i++;
    } else if (ch === "_") {
      tokens.push({ literal: " " }); // padding as wide as the next character
      i++;
    } else if (ch === "*") {
      i++; // fill character: no fixed text
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      const currency = /^\$([^-]*)/.exec(inner);
      if (currency) tokens.push({ literal: currency[1] });
      i = end < 0 ? section.length : end;
    } else if ("0#?.,".includes(ch)) {
      tokens.push({ placeholder: ch });
    } else if (/[yYmMdDhHsSeE/]/.test(ch)) {
      return null;
    } else if (ch === "@") {
      tokens.push({ literal: "" });
    } else {
      tokens.push({ literal: ch });
    }
  }

  const placeholders = tokens.filter((t): t is { placeholder: string } => "placeholder" in t).map((t) => t.placeholder);
  const percentCount = tokens.filter((t) => "literal" in t && t.literal === "%").length;
  if (placeholders.length === 0) return tokens.map((t) => ("literal" in t ? t.literal : "")).join("");

  const allPlaceholders = placeholders.join("");
  // Commas after the last digit placeholder scale by 1000 each ("#,##0.0,," shows millions).
  const trailingCommas = /,+$/.exec(allPlaceholders)?.[0].length ?? 0;
  const pattern = allPlaceholders.slice(0, allPlaceholders.length - trailingCommas);
  const point = pattern.indexOf(".");
  const intDigits = point < 0 ? pattern : pattern.slice(0, point);
  const fracPattern = point < 0 ? "" : pattern.slice(point + 1).replace(/,/g, "");
  const grouping = intDigits.includes(",");
  const minIntDigits = (intDigits.match(/0/g) ?? []).length;
  const spaceIntDigits = (intDigits.match(/\?/g) ?? []).length;
  const requiredDecimals = (fracPattern.match(/0/g) ?? []).length;
  const decimals = fracPattern.length;

  const scaled = (abs * 100 ** percentCount) / 1000 ** trailingCommas;
  const digits = roundToString(scaled, decimals);
  let [intPart, fracPart = ""] = digits.split(".");
  if (intPart === "0") intPart = "";
  intPart = intPart.padStart(minIntDigits, "0");
  if (intPart.length < minIntDigits + spaceIntDigits) intPart = intPart.padStart(minIntDigits + spaceIntDigits, " ");
  if (grouping) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let fraction = fracPart;
  while (fraction.length > requiredDecimals && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const number = point < 0 ? intPart : `${intPart}.${fraction}`;

  // The number replaces the first placeholder; the other placeholders print nothing.
  let out = "";
  let placed = false;
  for (const t of tokens) {
    if ("literal" in t) out += t.literal;
    else if (!placed) {
      out += number;
      placed = true;
    }
  }
  return out;
}

/** Half-up rounding on the decimal representation, so 1.005 → "1.01" as in Excel. */
function roundToString(value: number, decimals: number): string {
  const rounded = Math.round(Number(`${value}e${decimals}`));
  if (!Number.isFinite(rounded)) return value.toFixed(decimals);
  if (decimals === 0) return String(rounded);
  const s = String(rounded).padStart(decimals + 1, "0");
  return `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}`;
}
