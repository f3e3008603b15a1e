import { TerraformStack } from "../core";
import { Construct, IConstruct } from "constructs";

/** The cloud resource one construct declares the state of, for the one-declaration rule. */
export interface DeclaredResource {
  /**
   * What makes two declarations the same: the kind of Spec (the operation family), the cloud,
   * and the ids that name the resource within it (region, project or account, resource id).
   * Equal keys mean one resource declared twice.
   */
  readonly key: string;
  /** "GaussDB(DWS) cluster encryption of 97cb… in cn-north-4", for the message. */
  readonly description: string;
}

const REGISTRIES = new WeakMap<IConstruct, SynthChecks>();

/**
 * The app-wide problems found while building constructs, reported in cdktf's validation phase
 * (`node.addValidation`) so one synth lists every invalid construct of the app, each under its
 * own path; and the registry of declared resources, so one resource declared by two
 * constructs (in any stacks of the app) is refused with both paths.
 *
 * cdktf validates stack by stack and stops at the first stack with errors; so each stack that
 * holds one of our constructs also reports the problems of constructs in other stacks, and the
 * first stack validated fails with all of them.
 */
export class SynthChecks {
  /** The registry of the app that `scope` belongs to. */
  static of(scope: IConstruct): SynthChecks {
    const root = scope.node.root;
    let checks = REGISTRIES.get(root);
    if (!checks) {
      checks = new SynthChecks();
      REGISTRIES.set(root, checks);
    }
    return checks;
  }

  private readonly problems = new Map<IConstruct, string[]>();
  private readonly problemSources = new Map<IConstruct, (() => string[])[]>();
  private readonly declarations = new Map<string, { construct: IConstruct; resource: DeclaredResource }[]>();
  private readonly declared = new Map<IConstruct, DeclaredResource[]>();
  private readonly watched = new Set<IConstruct>();
  private readonly stacks = new Set<TerraformStack>();

  private constructor() {}

  /**
   * Enrolls a construct: its problems and duplicate declarations become validation errors
   * under its path. Idempotent.
   */
  watch(construct: Construct): void {
    if (this.watched.has(construct)) return;
    this.watched.add(construct);
    construct.node.addValidation({ validate: () => this.problemsOf(construct) });
    const stack = stackOf(construct);
    if (stack && !this.stacks.has(stack)) {
      this.stacks.add(stack);
      stack.node.addValidation({ validate: () => this.problemsOutside(stack) });
    }
  }

  /** Records a problem of `construct`, reported at synth under its path. */
  addProblem(construct: Construct, message: string): void {
    this.watch(construct);
    const list = this.problems.get(construct) ?? [];
    list.push(message);
    this.problems.set(construct, list);
  }

  /** Adds problems of `construct` that are known only at synth: `source` is asked then. */
  addProblemSource(construct: Construct, source: () => string[]): void {
    this.watch(construct);
    this.problemSources.set(construct, [...(this.problemSources.get(construct) ?? []), source]);
  }

  /** Records that `construct` declares the state of `resource`. */
  declare(construct: Construct, resource: DeclaredResource): void {
    this.watch(construct);
    const list = this.declarations.get(resource.key) ?? [];
    list.push({ construct, resource });
    this.declarations.set(resource.key, list);
    this.declared.set(construct, [...(this.declared.get(construct) ?? []), resource]);
  }

  /** Every problem of one construct: its own, then each other declaration of its resources. */
  problemsOf(construct: IConstruct): string[] {
    const found = [...(this.problems.get(construct) ?? []), ...(this.problemSources.get(construct) ?? []).flatMap((source) => source())];
    for (const resource of this.declared.get(construct) ?? []) {
      const others = (this.declarations.get(resource.key) ?? []).filter((d) => d.construct !== construct).map((d) => d.construct.node.path);
      if (others.length === 0) continue;
      found.push(
        `${resource.description} is also declared by ${others.join(", ")}: one resource must have one declaration in an app ` +
          `(two would set it in turn on every deploy); keep one of them`,
      );
    }
    return found;
  }

  /** Problems of constructs in other stacks, each naming its construct path. */
  private problemsOutside(stack: TerraformStack): string[] {
    const found: string[] = [];
    for (const construct of this.watched) {
      if (stackOf(construct) === stack) continue;
      for (const problem of this.problemsOf(construct)) found.push(`in another stack: [${construct.node.path}] ${problem}`);
    }
    return found;
  }
}

function stackOf(construct: IConstruct): TerraformStack | undefined {
  try {
    return TerraformStack.of(construct);
  } catch {
    return undefined;
  }
}
