import { Body1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { tableTag } from "../../core/catalog/tables";
import * as React from "react";
import type { AuditResult } from "../../core/types";
import { countBySeverity } from "../model";
import { DeclinedTitles } from "./DeclinedTitles";
import { NoTablesFound } from "./NoTablesFound";
import { RecognisedTables } from "./RecognisedTables";
import { SeverityCounts } from "./SeverityCounts";

const useStyles = makeStyles({
  section: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", rowGap: tokens.spacingVerticalM },
});

/** After a scan: what was recognised and how many problems of each kind. */
export function AuditSummary({ result, sheetsRead }: { result: AuditResult; sheetsRead: number }) {
  const styles = useStyles();
  const counts = countBySeverity(result.findings);
  const declined = (result.recognition ?? []).filter((d) => !d.accepted);
  const doc = result.document;
  const missing = (doc?.missingTables ?? []).map((n) => tableTag(doc?.family ?? "决算", n));
  return (
    <section className={styles.section} aria-label="审核摘要">
      <Subtitle2>审核结果</Subtitle2>
      <SeverityCounts counts={counts} />
      {result.tables.length === 0 ? (
        <NoTablesFound sheetsRead={sheetsRead} declined={declined} />
      ) : (
        <>
          <Body1>
            读取了 {sheetsRead} 张工作表，识别到 {result.tables.length} 张公开表。
            {result.findings.length === 0 ? "未发现问题。" : ""}
          </Body1>
          <RecognisedTables tables={result.tables} />
          {missing.length > 0 && (
            <Body1>
              缺少的表：{missing.join("、")}（本工作簿中没有；若在其他工作簿中，可一并审核）
            </Body1>
          )}
          <DeclinedTitles declined={declined} />
        </>
      )}
    </section>
  );
}
