// The CDK Terrain support policy (scripts/cdktn-support.json): the peer range of cdktn-encryption
// accepts exactly the cdktn minors tested here, and every cdktn installed in this repository —
// the one the cdktn build compiles against, and the one its end-to-end test deploys with — is
// inside it. A cdktn upgrade that skips the policy fails here.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import semver from "semver";

const ROOT = path.resolve(__dirname, "../..");
const support = JSON.parse(readFileSync(path.join(ROOT, "scripts/cdktn-support.json"), "utf8")) as { cdktn: string; constructs: string; node: string; tested: string[] };
const json = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), "utf8"));

test("the peer range accepts every tested cdktn release, and no untested minor", () => {
  expect(support.tested.length).toBeGreaterThan(0);
  for (const version of support.tested) expect(semver.satisfies(version, support.cdktn)).toBe(true);
  const newest = support.tested.map((v) => semver.parse(v)!).sort(semver.compare).at(-1)!;
  expect(semver.satisfies(`${newest.major}.${newest.minor + 1}.0`, support.cdktn)).toBe(false);
  expect(semver.satisfies(`${newest.major + 1}.0.0`, support.cdktn)).toBe(false);
});

test.each([
  ["the cdktn the cdktn build compiles against (package.json devDependencies)", () => json("package.json").devDependencies.cdktn],
  ["the installed cdktn of this checkout", () => json("node_modules/cdktn/package.json").version],
  ["the cdktn of the end-to-end consumer app (test/cdktn/consumer)", () => json("test/cdktn/consumer/package.json").dependencies.cdktn],
])("%s is a tested release inside the peer range", (_what, version) => {
  expect(support.tested).toContain(version());
  expect(semver.satisfies(version(), support.cdktn)).toBe(true);
});

test("the constructs of the cdktn build and of the consumer app are inside its constructs range; Node is what cdktn-cli requires", () => {
  for (const version of [json("node_modules/constructs/package.json").version, json("test/cdktn/consumer/package.json").dependencies.constructs]) {
    expect(semver.satisfies(version, support.constructs)).toBe(true);
  }
  expect(json("node_modules/cdktn/package.json").peerDependencies.constructs).toBe(support.constructs);
  // cdktn itself declares no engines; its CLI does (recorded in the consumer's lockfile).
  const lock = json("test/cdktn/consumer/package-lock.json");
  expect(semver.subset(support.node, lock.packages["node_modules/cdktn-cli"].engines.node)).toBe(true);
  expect(semver.satisfies("22.19.0", support.node)).toBe(true);
  expect(semver.satisfies("20.19.0", support.node)).toBe(false);
});
