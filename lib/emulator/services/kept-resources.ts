import { HttpReply } from "../http-reply";
import { ServiceContext } from "../emulator-service";

/** The resources of a fixture slice, each a copy, by id (what a service's `load` keeps). */
export function keptById<T extends object>(resources: readonly T[] | undefined, idOf: (resource: T) => string): Map<string, T> {
  return new Map((resources ?? []).map((resource) => [idOf(resource), { ...resource }]));
}

/**
 * Changes one kept resource behind the client's back (the admin API's drift patch): the fields
 * given overwrite its own; an id the service does not keep is answered 404 naming `what`.
 */
export function patchKept<T extends object>(kept: ReadonlyMap<string, T>, id: string, fields: Record<string, unknown>, what: string, ctx: ServiceContext): void {
  const resource = kept.get(id);
  if (!resource) throw new HttpReply(404, { error: `no ${what} ${id}` });
  Object.assign(resource, fields);
  ctx.changed();
}
