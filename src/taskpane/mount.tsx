/** Renders the pane into a page with any host: Excel here, an .xlsx file in the browser page later. */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import type { AuditHost } from "../host/types";
import { App } from "./App";
import { OutsideExcel } from "./components/OutsideExcel";
import type { AuditFn } from "./model";

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <FluentProvider theme={webLightTheme} style={{ minHeight: "100vh" }}>
      {children}
    </FluentProvider>
  );
}

export function mountTaskpane(container: HTMLElement, host: AuditHost, audit: AuditFn): Root {
  const root = createRoot(container);
  root.render(
    <Shell>
      <App host={host} audit={audit} />
    </Shell>,
  );
  return root;
}

export function mountOutsideExcel(container: HTMLElement): Root {
  const root = createRoot(container);
  root.render(
    <Shell>
      <OutsideExcel />
    </Shell>,
  );
  return root;
}
