/**
 * One service client per region (and project), made on first use and reused for the rest of
 * the run, so a run reads its credentials once and keeps one connection pool per endpoint.
 */
export class ClientCache<C> {
  private readonly clients = new Map<string, C>();

  constructor(private readonly make: (region: string, projectId?: string) => C) {}

  for(region: string, projectId?: string): C {
    const key = projectId === undefined ? region : `${region}/${projectId}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.make(region, projectId);
      this.clients.set(key, client);
    }
    return client;
  }
}
