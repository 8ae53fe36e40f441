/**
 * Sheet names for inserted templates: the same scheme wherever a template is added (the xlsx
 * writer, the Excel add-in), so a clash gets the same new name everywhere.
 */

/** Excel refuses sheet names longer than this. */
export const MAX_SHEET_NAME_LENGTH = 31;

/**
 * `name`, or `name (2)`, `name (3)` … whichever is free. Sheet names compare case-insensitively;
 * a suffix that would make the name too long for Excel shortens the base instead.
 */
export function uniqueSheetName(name: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  const base = name.slice(0, MAX_SHEET_NAME_LENGTH);
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = `${base.slice(0, MAX_SHEET_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}
