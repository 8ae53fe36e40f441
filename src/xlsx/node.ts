/** Reading an .xlsx from disk, for the CLI. The parsing itself is in ./read.ts. */
import { promises as fs } from "fs";
import * as path from "path";
import type { WorkbookGrid } from "../core/grid/types";
import { readXlsx } from "./read";

export class FileReadError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = "FileReadError";
    this.code = code;
    if (options && "cause" in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

export async function readXlsxFile(filePath: string): Promise<WorkbookGrid> {
  return readXlsx(await readFileBytes(filePath), path.basename(filePath));
}

/** The bytes of a file, with a Chinese FileReadError when it cannot be read. */
export async function readFileBytes(filePath: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(filePath);
  } catch (err) {
    throw new FileReadError(errorCode(err), fileErrorMessage(filePath, err), { cause: err });
  }
}

function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : "EIO";
}

function fileErrorMessage(filePath: string, err: unknown): string {
  switch (errorCode(err)) {
    case "ENOENT":
      return `找不到文件：${filePath}`;
    case "EISDIR":
      return `这是一个文件夹，不是 .xlsx 文件：${filePath}`;
    case "EACCES":
    case "EPERM":
      return `没有读取权限：${filePath}`;
    case "EBUSY":
      return `文件被其他程序占用（例如正在 Excel 中打开），无法读取：${filePath}`;
    default: {
      const reason = err instanceof Error ? err.message : String(err);
      return `无法读取文件 ${filePath}（${reason}）`;
    }
  }
}
