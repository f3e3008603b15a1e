/**
 * One service client per region (and project, and identity the resource is managed as), made
 * on first use and reused for the rest of the run, so a run reads its credentials once per
 * identity and keeps one connection pool per endpoint.
 */
export class ClientCache<C, I = never> {
  private readonly clients = new Map<string, C>();

  constructor(private readonly make: (region: string, projectId?: string, identity?: I) => C) {}

  for(region: string, projectId?: string, identity?: I): C {
    const key = JSON.stringify([region, projectId ?? null, identity ?? null]);
    let client = this.clients.get(key);
    if (!client) {
      client = this.make(region, projectId, identity);
      this.clients.set(key, client);
    }
    return client;
  }
}
