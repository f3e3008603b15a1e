// The CDK core of the CDK Terrain build: scripts/build-cdktn.mjs writes this module in place of
// lib/core.ts, and the README snippet test type-checks against lib/ with it swapped in the same way.
export * from "cdktn";

/** Which core the library was built for. */
export const CORE_PACKAGE: "cdktf" | "cdktn" = "cdktn";
