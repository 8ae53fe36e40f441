/**
 * The batch report as one self-contained HTML page (inline CSS, no script, nothing fetched):
 * a summary table, then each workbook's findings grouped by table. All text is escaped.
 */
import { SEVERITY_LABEL, countBySeverity, hasErrors } from "../core/severity";
import * as path from "path";
import type { Finding } from "../core/types";
import { tableTitle } from "../core/catalog/tables";
import type { FileReport } from "./report";
import { compressNumbers, tableWord } from "./summary";

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export interface HtmlReportOptions {
  /** When the report was made; shown in the header. */
  generatedAt?: Date;
  /** 尾差 policy used, for the header. */
  rounding?: string;
  /** Folder the report is written to: links to annotated copies are made relative to it. */
  reportDir?: string;
}

const ROUNDING = { warn: "尾差按警告报", ignore: "不报尾差", error: "尾差按错误报" } as Record<string, string>;

const CSS = `
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",SimSun,sans-serif;margin:24px;color:#222;line-height:1.5}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #ddd;padding-bottom:4px}
h3{font-size:16px;margin:24px 0 6px}h4{font-size:14px;margin:14px 0 4px}
.meta{color:#555;margin:0 0 12px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:4px 0 8px}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f0;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.cell{white-space:nowrap;font-family:Consolas,monospace}
.error{background:#FFC7CE;color:#9C0006}.warning{background:#FFEB9C;color:#9C5700}.info{background:#DDEBF7;color:#1F4E78}
.unreadable{background:#eee;color:#9C0006}
tr.has-errors td:first-child{border-left:4px solid #9C0006}tr.has-warnings td:first-child{border-left:4px solid #E0A800}
.ok{color:#2E7D32}.missing{color:#9C0006}
section{margin-bottom:18px}details{margin:4px 0}summary{cursor:pointer;color:#444}
a{color:#0563C1}
@media print{th{position:static}details{display:block}}
`;

function annotatedLink(file: string, reportDir: string | undefined): string {
  const rel = reportDir ? path.relative(reportDir, file) : file;
  const href = path.isAbsolute(rel) ? `file://${encodeURI(rel.replace(/\\/g, "/"))}` : `./${rel.split(path.sep).map(encodeURIComponent).join("/")}`;
  return `<a href="${escapeHtml(href)}">${escapeHtml(file)}</a>`;
}

export function htmlReport(reports: FileReport[], options: HtmlReportOptions = {}): string {
  const esc = escapeHtml;
  const readable = reports.filter((r) => !r.error);
  const totals = countBySeverity(readable.flatMap((r) => r.findings));
  const withErrors = readable.filter((r) => hasErrors(r.findings)).length;
  const out: string[] = [];
  out.push(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`);
  out.push(`<title>公开表审核报告</title><style>${CSS}</style></head><body>`);
  out.push(`<h1>公开表审核报告</h1>`);
  const meta = [
    options.generatedAt ? `生成时间：${esc(formatDate(options.generatedAt))}` : "",
    options.rounding ? esc(ROUNDING[options.rounding] ?? options.rounding) : "",
    `共 ${reports.length} 个工作簿：审核 ${readable.length} 个，无法读取 ${reports.length - readable.length} 个，有错误的 ${withErrors} 个`,
    `错误 ${totals.error} 个，警告 ${totals.warning} 个，提示 ${totals.info} 个`,
  ].filter(Boolean);
  out.push(`<p class="meta">${meta.join("　｜　")}</p>`);

  out.push(`<h2>汇总</h2><table class="summary"><thead><tr><th>序号</th><th>文件</th><th>部门</th><th>年度</th><th>类别</th><th>识别出的表</th><th>缺少的表</th><th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>`);
  reports.forEach((r, i) => {
    const id = `f${i + 1}`;
    const fileCell = `<td>${i + 1}</td><td><a href="#${id}">${esc(r.file)}</a></td>`;
    if (r.error || !r.summary) {
      out.push(`<tr class="has-errors">${fileCell}<td colspan="8" class="unreadable">无法读取：${esc(r.error)}</td></tr>`);
      return;
    }
    const s = r.summary;
    const word = tableWord(s.family);
    const cls = s.errors > 0 ? "has-errors" : s.warnings > 0 ? "has-warnings" : "";
    out.push(
      `<tr class="${cls}">${fileCell}<td>${esc(s.department ?? "")}</td><td>${esc(s.year ?? "")}</td><td>${esc(s.family ?? "")}</td>` +
        `<td>${s.tables.length ? esc(word + compressNumbers(s.tables)) : "未找到公开表"}</td>` +
        `<td>${s.missing.length ? `<span class="missing">${esc(s.missing.map((n) => word + n).join("、"))}</span>` : s.tables.length ? `<span class="ok">齐全</span>` : ""}</td>` +
        `<td class="num${s.errors ? " error" : ""}">${s.errors}</td><td class="num${s.warnings ? " warning" : ""}">${s.warnings}</td><td class="num">${s.infos}</td></tr>`,
    );
  });
  out.push(`</tbody></table>`);

  out.push(`<h2>各工作簿的问题</h2>`);
  reports.forEach((r, i) => {
    out.push(`<section id="f${i + 1}"><h3>${i + 1}. ${esc(r.file)}</h3>`);
    if (r.error) {
      out.push(`<p class="unreadable">无法读取：${esc(r.error)}</p></section>`);
      return;
    }
    const s = r.summary;
    if (s) {
      const word = tableWord(s.family);
      out.push(
        `<p>部门：${esc(s.department ?? "（未识别）")}　年度：${esc(s.year ?? "（未识别）")}　${esc(s.family ?? "")}　` +
          `${s.missing.length ? `<span class="missing">缺 ${esc(s.missing.map((n) => word + n).join("、"))}</span>` : s.tables.length ? `<span class="ok">${esc(word + compressNumbers(s.tables))} 齐全</span>` : "未找到公开表"}` +
          `　错误 ${s.errors} 个，警告 ${s.warnings} 个，提示 ${s.infos} 个</p>`,
      );
    }
    if (r.annotated) out.push(`<p>标注副本：${annotatedLink(r.annotated, options.reportDir)}</p>`);
    if (r.annotateError) out.push(`<p class="unreadable">未能写出标注副本：${esc(r.annotateError)}</p>`);
    if (r.tables.length > 0) {
      out.push(`<details><summary>识别出 ${r.tables.length} 张表</summary><ul>`);
      for (const t of r.tables) out.push(`<li>${esc(tableTitle(t))}　工作表「${esc(t.sheet)}」${esc(t.range)}</li>`);
      out.push(`</ul></details>`);
    }
    if (r.findings.length === 0) {
      out.push(`<p class="ok">${r.tables.length ? "未发现问题。" : "未找到公开表。"}</p></section>`);
      return;
    }
    const byTable = new Map<string, Finding[]>();
    for (const f of r.findings) {
      const key = f.table ?? "";
      const list = byTable.get(key);
      if (list) list.push(f);
      else byTable.set(key, [f]);
    }
    for (const [tid, list] of byTable) {
      const t = r.tables.find((x) => x.id === tid);
      out.push(`<h4>${esc(t ? tableTitle(t) : "其他")}</h4>`);
      out.push(`<table class="findings"><thead><tr><th>严重程度</th><th>规则</th><th>单元格</th><th>应为</th><th>实为</th><th>相差</th><th>说明</th></tr></thead><tbody>`);
      for (const f of list) {
        out.push(
          `<tr><td class="${f.severity}">${SEVERITY_LABEL[f.severity]}</td><td>${esc(f.ruleTitle)}<br><small>${esc(f.rule)}</small></td>` +
            `<td class="cell">${esc(`${f.sheet}!${f.cell}`)}</td><td class="num">${esc(f.expected ?? "")}</td><td class="num">${esc(f.actual ?? "")}</td>` +
            `<td class="num">${esc(f.difference ?? "")}</td><td>${esc(f.message)}</td></tr>`,
        );
      }
      out.push(`</tbody></table>`);
    }
    out.push(`</section>`);
  });
  out.push(`</body></html>\n`);
  return out.join("\n");
}

function formatDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
