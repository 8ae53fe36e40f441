import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import * as React from "react";
import type { RecognitionDecision } from "../../core/types";
import { DeclinedTitles } from "./DeclinedTitles";

/** The empty state: nothing in the workbook looked like a 公开表. */
export function NoTablesFound({ sheetsRead, declined = [] }: { sheetsRead: number; declined?: RecognitionDecision[] }) {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>未找到公开表</MessageBarTitle>
        已读取 {sheetsRead} 张工作表，没有识别出部门预算或部门决算公开表。请确认表题（如“收入支出决算总表”）和表头没有被改动，再重新扫描。
        <DeclinedTitles declined={declined} />
      </MessageBarBody>
    </MessageBar>
  );
}
