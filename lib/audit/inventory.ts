import { CloudError } from "../cloud/cloud-error";
import { Clock, systemClock } from "../runtime/clock";
import { servicesOf } from "../kinds/index";
import { InventoryContext, LiveEncryption, firstLine } from "../kinds/kind-definition";
import { Log, silentLog } from "../runtime/log";
import { AuditScope, scopeName } from "./audit-scope";
import { AuditedService } from "./declarations";
import { ConcurrencyLimit } from "../runtime/concurrency-limit";

export type { LiveEncryption } from "../kinds/kind-definition";

/** One resource an account holds, with its encryption as read live. */
export interface LiveResource {
  readonly cloud: "huawei" | "alibaba";
  readonly service: AuditedService;
  readonly region: string;
  readonly projectId?: string;
  readonly id: string;
  readonly name?: string;
  /** The service's own status word: AVAILABLE, ACTIVE, running, … */
  readonly status?: string;
  readonly encryption: LiveEncryption;
  /** The services' answers the encryption was read from, for the kinds' `observedFromInventory`; undefined when the read failed. */
  readonly read?: unknown;
}

/** What one scope holds, or why it could not be listed. */
export interface ScopeInventory {
  readonly scope: AuditScope;
  readonly resources: LiveResource[];
  /** One line per service that could not be listed (unreachable, denied, …). */
  readonly errors: string[];
  /** When the reads of this scope started and ended (ISO 8601). */
  readonly readFrom: string;
  readonly readUntil: string;
}

export interface InventoryOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly clock?: Clock;
  readonly log?: Log;
}

/**
 * Lists every resource of the scopes' services (each kind's `resource.service`, from the
 * registry of kinds) and reads each one's encryption. All calls share one concurrency budget;
 * a listing that may miss resources is named in the scope's errors.
 */
export async function takeInventory(scopes: readonly AuditScope[], options: InventoryOptions): Promise<ScopeInventory[]> {
  const limiter = new ConcurrencyLimit(options.concurrency);
  const log = options.log ?? silentLog;
  const clock = options.clock ?? systemClock;
  const client = { env: options.env, clock, log, timeoutMs: options.timeoutMs, maxAttempts: 3 };
  let listed = 0;
  let read = 0;
  const progress = () => log.progress(`audit: ${listed} resources listed, encryption read for ${read}`);

  return Promise.all(
    scopes.map(async (scope): Promise<ScopeInventory> => {
      const readFrom = new Date(clock.now()).toISOString();
      const resources: LiveResource[] = [];
      const errors: string[] = [];
      const guard = async (service: string, work: () => Promise<void>) => {
        try {
          await work();
        } catch (error) {
          // A cloud error names its service and operation already.
          errors.push(error instanceof CloudError ? firstLine(error) : `${service}: ${firstLine(error)}`);
        }
      };
      const cloud = scope.cloud === "huawei" ? "huaweicloud" : "alibabacloud";
      const location = { region: scope.region, projectId: scope.cloud === "huawei" ? scope.projectId : undefined, identity: scope.identity };
      await Promise.all(
        servicesOf(cloud).map((service) => {
          const context: InventoryContext = {
            client,
            run: (call) => limiter.run(call),
            listed: (count) => {
              listed += count;
            },
            read: () => {
              read++;
              if (read % 200 === 0) progress();
            },
            found: (resource) => resources.push({ cloud: scope.cloud, service: service.id, region: scope.region, ...(location.projectId === undefined ? {} : { projectId: location.projectId }), ...resource }),
            incomplete: (message) => errors.push(message),
          };
          return guard(service.title, () => service.inventory.list(location, context));
        }),
      );
      log.progress(`audit: ${scopeName(scope)}: ${resources.length} resources${errors.length ? `, ${errors.length} service(s) not listed` : ""}`);
      resources.sort((a, b) => `${a.service}/${a.id}`.localeCompare(`${b.service}/${b.id}`));
      errors.sort();
      return { scope, resources, errors, readFrom, readUntil: new Date(clock.now()).toISOString() };
    }),
  );
}
