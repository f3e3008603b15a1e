// Three tiers, one jest project each (docs/testing.md): `npm run test:unit` runs only the first.
/** Settings every tier shares. */
const shared = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
  moduleNameMapper: { "^cdktf-encryption$": "<rootDir>/lib/index.ts" },
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-jest.ts"],
};

/**
 * The unit and integration tiers need no build: synthesized stacks carry a stand-in file as the
 * hook asset instead of dist/hook/hook.js, which only the e2e tier runs.
 */
const withoutBuild = {
  ...shared,
  moduleNameMapper: {
    ...shared.moduleNameMapper,
    "^\\./hook-bundle-path$": "<rootDir>/test/support/stand-in-hook/hook-bundle-path.ts",
  },
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...withoutBuild,
      displayName: { name: "unit", color: "blue" },
      // Pure: no server, no child process, no terraform. A test that starts one fails, saying so.
      testMatch: ["<rootDir>/test/unit/**/*.test.ts"],
      setupFilesAfterEnv: [...shared.setupFilesAfterEnv, "<rootDir>/test/support/unit-tier-guard.ts"],
    },
    {
      ...withoutBuild,
      displayName: { name: "integration", color: "magenta" },
      // The emulator in process, loopback servers, node child processes, terraform without dist.
      testMatch: ["<rootDir>/test/integration/**/*.test.ts"],
    },
    {
      ...shared,
      displayName: { name: "e2e", color: "yellow" },
      // The built dist (npm run build first), real terraform, cdktf, npm pack.
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
    },
  ],
  testTimeout: 120000,
  maxWorkers: 2,
};
