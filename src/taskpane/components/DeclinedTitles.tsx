import { Caption1 } from "@fluentui/react-components";
import * as React from "react";
import type { RecognitionDecision } from "../../core/types";

/** Titles that looked like a 公开表 but were not recognised, each with the reason. */
export function DeclinedTitles({ declined }: { declined: RecognitionDecision[] }) {
  if (declined.length === 0) return null;
  return (
    <ul aria-label="未识别的表题">
      {declined.map((d) => (
        <li key={`${d.sheet}!${d.cell}`}>
          <Caption1>
            {d.sheet}!{d.cell}「{d.title}」：{d.reason}
          </Caption1>
        </li>
      ))}
    </ul>
  );
}
