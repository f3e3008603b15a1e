import { AddressInfo, Server, Socket, connect, createServer } from "node:net";

/**
 * How a hostile proxy treats a CONNECT: closes the connection at once, never answers, answers
 * 502, or answers 200 and then closes the tunnel before TLS is up.
 */
export type HostileBehaviour = "close" | "hang" | "refuse" | "open-then-close";

export const HOSTILE_BEHAVIOURS: readonly HostileBehaviour[] = ["close", "hang", "refuse", "open-then-close"];

/**
 * An HTTP proxy on loopback that misbehaves on CONNECT, for the next `times` CONNECTs (all of
 * them by default); after those it tunnels to `passTo` (a loopback port), as a working proxy would.
 * Counts every CONNECT it receives.
 */
export class HostileProxy {
  /** The authority of every CONNECT received (`gaussdb.cn-north-4.myhuaweicloud.com:443`). */
  readonly connects: string[] = [];
  private readonly sockets = new Set<Socket>();
  private remaining = Infinity;

  private constructor(
    private readonly server: Server,
    public behaviour: HostileBehaviour,
    private readonly passTo?: number,
  ) {}

  static async start(behaviour: HostileBehaviour, options: { passTo?: number } = {}): Promise<HostileProxy> {
    const server = createServer();
    const proxy = new HostileProxy(server, behaviour, options.passTo);
    server.on("connection", (socket) => proxy.serve(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `http://user:secret@127.0.0.1:port`: credentials in the URL that no output may show. */
  url(userinfo = ""): string {
    return `http://${userinfo ? `${userinfo}@` : ""}127.0.0.1:${this.port}`;
  }

  /** Misbehave for the next `times` CONNECTs only (then tunnel to `passTo`). */
  misbehave(behaviour: HostileBehaviour, times = Infinity): void {
    this.behaviour = behaviour;
    this.remaining = times;
    this.connects.length = 0;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      socket.off("data", onData);
      const authority = /^CONNECT (\S+) HTTP\/1\.1\r\n/.exec(head.toString("latin1"))?.[1] ?? "";
      this.connects.push(authority);
      if (this.remaining-- > 0) this.misbehaveOn(socket);
      else this.tunnel(socket, head.subarray(end + 4));
    };
    socket.on("data", onData);
  }

  private misbehaveOn(socket: Socket): void {
    switch (this.behaviour) {
      case "close":
        socket.destroy();
        return;
      case "hang":
        return;
      case "refuse":
        socket.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
      case "open-then-close":
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n", () => socket.destroy());
    }
  }

  private tunnel(socket: Socket, rest: Buffer): void {
    if (this.passTo === undefined) {
      socket.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const upstream = connect(this.passTo, "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (rest.length) upstream.write(rest);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("close", () => upstream.destroy());
  }
}
