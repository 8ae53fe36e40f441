import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { TableSummary } from "../../core/types";
import { cellLabel, tableNumber } from "../model";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    rowGap: tokens.spacingVerticalS,
    overflowWrap: "anywhere",
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  missing: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

/** Each recognised table: family and number, name, where it is, and what the recogniser missed. */
export function RecognisedTables({ tables }: { tables: TableSummary[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="识别到的公开表">
      {tables.map((t) => (
        <li key={t.id}>
          <div>
            <span className={styles.name}>{tableNumber(t)}</span> {t.name}
          </div>
          <Caption1>
            {cellLabel(t.sheet, t.range)}
            {t.unit ? ` · 单位：${t.unit}` : ""}
            {t.year ? ` · ${t.year}年` : ""}
          </Caption1>
          {t.missing.length > 0 && (
            <div className={styles.missing}>
              <Caption1>未找到：{t.missing.join("；")}</Caption1>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
