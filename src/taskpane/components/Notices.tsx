import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";

export interface Notice {
  intent: "error" | "warning" | "info" | "success";
  title?: string;
  lines: string[];
}

const useStyles = makeStyles({
  root: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", rowGap: tokens.spacingVerticalS },
  line: { display: "block" },
});

/** Messages about the last action: failures, skipped sheets, what was cleared. */
export function Notices({ notices }: { notices: Notice[] }) {
  const styles = useStyles();
  if (notices.length === 0) return null;
  return (
    <div className={styles.root}>
      {notices.map((n, i) => (
        <MessageBar key={i} intent={n.intent} layout="multiline">
          <MessageBarBody>
            {n.title && <MessageBarTitle>{n.title}</MessageBarTitle>}
            {n.lines.map((line, j) => (
              <span key={j} className={styles.line}>
                {line}
              </span>
            ))}
          </MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}
