import { existsSync } from "fs";
import * as path from "path";

/**
 * The project folder (the one with package.json): the same whether this file runs from its
 * source under src/ or compiled under lib/.
 */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`找不到项目文件夹（${from} 之上没有 package.json）`);
  }
}
