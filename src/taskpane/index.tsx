/** Entry point of taskpane.html inside Excel. */
import { audit } from "../core/audit";
import { createExcelHost } from "../excel/host";
import { mountOutsideExcel, mountTaskpane } from "./mount";

const container = document.getElementById("container")!;

function start(inExcel: boolean): void {
  if (inExcel) mountTaskpane(container, createExcelHost(), audit);
  else mountOutsideExcel(container);
}

if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
  // office.js did not load (offline, blocked) or the page was opened as a plain web page.
  start(false);
} else {
  void Office.onReady((info) => start(info.host === Office.HostType.Excel));
}
