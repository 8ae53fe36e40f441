/** Entry point of the standalone checker page (dist-web/index.html). */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import * as React from "react";
import { createRoot } from "react-dom/client";
import { audit } from "../core/audit";
import { BrowserHost } from "./host";
import { WebApp } from "./WebApp";

const host = new BrowserHost();
const container = document.getElementById("container")!;

createRoot(container).render(
  <FluentProvider theme={webLightTheme}>
    <WebApp host={host} audit={audit} />
  </FluentProvider>,
);
