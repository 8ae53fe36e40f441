/**
 * FunctionFile for ribbon commands. The 「公开表审核」 button only opens the task pane
 * (ShowTaskpane), so no function is registered yet; Office still loads this page.
 */
if (typeof Office !== "undefined") {
  void Office.onReady(() => undefined);
}

export {};
