import { KINDS } from "../kinds/index";
import { EarlierStep, SequencedReading } from "../kinds/kind-definition";
import { HookChange } from "./plan-json";


/**
 * The cloud a hook observes when it runs, given what hooks applied before it in the same
 * deploy (its `depends_on`) do first: its kind's `afterEarlierSteps`, when the kind has one
 * (a DWS key rotation after its cluster's encryption moved or made the key). Review plans each
 * hook from this, so one change that two hooks would both make shows once, where the deploy
 * makes it.
 */
export function afterEarlierSteps(kind: string, spec: unknown, observed: unknown, earlier: readonly EarlierStep[]): SequencedReading {
  const sequence = KINDS.get(kind)?.afterEarlierSteps;
  return sequence ? sequence(spec, observed, earlier) : { observed };
}

/** Hooks in the order the deploy runs them: every resource after what it depends on, otherwise the plan's order. */
export function deployOrder(changes: readonly HookChange[]): HookChange[] {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const done = new Set<string>();
  const ordered: HookChange[] = [];
  const visit = (change: HookChange, path: Set<string>) => {
    if (done.has(change.address) || path.has(change.address)) return;
    path.add(change.address);
    for (const dependency of change.dependsOn ?? []) {
      const c = byAddress.get(dependency);
      if (c) visit(c, path);
    }
    done.add(change.address);
    ordered.push(change);
  };
  for (const change of changes) visit(change, new Set());
  return ordered;
}

/** Every hook address a change depends on, directly or through others. */
export function dependenciesOf(change: HookChange, changes: readonly HookChange[]): Set<string> {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const found = new Set<string>();
  const walk = (c: HookChange | undefined) => {
    for (const dependency of c?.dependsOn ?? []) {
      if (found.has(dependency)) continue;
      found.add(dependency);
      walk(byAddress.get(dependency));
    }
  };
  walk(change);
  return found;
}
