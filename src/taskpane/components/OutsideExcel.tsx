import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import * as React from "react";

/** Shown when the page is opened outside Excel, or Office.js could not be loaded. */
export function OutsideExcel() {
  return (
    <div style={{ padding: 16 }}>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>请在 Excel 中使用</MessageBarTitle>
          这是 Excel 加载项“公开表审核”的任务窗格。请在 Excel 的“开始”选项卡点击“公开表审核”打开它。
          如果在 Excel 中也看到这段话，说明 Office.js 没有加载成功，请检查能否访问 appsforoffice.microsoft.com。
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
