/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/test/bench/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
  moduleNameMapper: { "^cdktf-encryption$": "<rootDir>/lib/index.ts" },
  setupFilesAfterEnv: ["<rootDir>/test/support/setup-jest.ts"],
  testTimeout: 120000,
  maxWorkers: 2,
};
