// The CDK core this build of the library is made for: every construct imports the core from
// here, never from "cdktf" itself. The CDK Terrain build (scripts/build-cdktn.mjs) replaces this
// one module with one that names "cdktn"; the rest of the code is shared by both builds.
export * from "cdktf";

/** Which core the library was built for; the CDK Terrain build says "cdktn". */
export const CORE_PACKAGE: "cdktf" | "cdktn" = "cdktf";
