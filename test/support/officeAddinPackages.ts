/**
 * office-addin-mock and office-addin-manifest require ES-module-only packages (uuid 14, and
 * @microsoft/app-manifest with strip-bom 5 and node-fetch 3) that Jest cannot require on Node 20.
 * They serve JSON manifests and GUID generation, which the tests never use, so they are stubbed
 * before the two packages are loaded.
 */
import * as path from "path";

const manifestDir = path.dirname(require.resolve("office-addin-manifest"));
jest.doMock(require.resolve("uuid", { paths: [manifestDir] }), () => ({
  v4: () => "00000000-0000-4000-8000-000000000000",
}));
jest.doMock(require.resolve("@microsoft/app-manifest", { paths: [manifestDir] }), () => ({ AppManifestUtils: {} }));

export function loadOfficeAddinMock(): typeof import("office-addin-mock") {
  return require("office-addin-mock");
}

export function loadOfficeAddinManifest(): typeof import("office-addin-manifest") {
  return require("office-addin-manifest");
}
