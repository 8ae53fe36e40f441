/** Office.js errors, told in plain Chinese. */

const MESSAGES: Record<string, string> = {
  InvalidOperationInCellEditMode: "Excel 正处于单元格编辑状态。请先按 Enter 或 Esc 结束编辑，再重试。",
  AccessDenied: "Excel 拒绝了这次操作，工作簿或工作表可能受保护或为只读。",
  ItemNotFound: "找不到要操作的工作表或单元格，它可能已被删除或改名。",
  RequestPayloadSizeLimitExceeded: "一次读取的数据太多，超出了 Excel 的限制。",
  ApiNotFound: "当前 Excel 版本不支持这项功能。",
  InvalidArgument: "Excel 不接受这次操作的参数。",
  GeneralException: "Excel 内部出错。",
};

/** An error whose message is already the whole Chinese text the user should see. */
export class UserFacingError extends Error {}

/** The Chinese explanation of a known Office.js error code, if any. */
export function knownExcelError(error: unknown): string | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? MESSAGES[code] : undefined;
}

export function describeExcelError(error: unknown, action: string): Error {
  if (error instanceof UserFacingError) return error;
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  const known = typeof code === "string" ? MESSAGES[code] : undefined;
  const message = known ? `${action}失败：${known}` : `${action}失败：${detail}`;
  const wrapped = new Error(message);
  (wrapped as Error & { cause?: unknown }).cause = error;
  return wrapped;
}
