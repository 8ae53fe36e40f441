export * from "./types";
export * from "./grid/types";
export * from "./grid/address";
export { audit } from "./audit";
