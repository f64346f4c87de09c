import net from "node:net";

/** What the raw server does with each connection, after reading the request head. */
export type RawBehaviour = (socket: net.Socket, request: Buffer) => void;

/**
 * A TCP server on 127.0.0.1 that answers with exactly the bytes a test gives it, so malformed
 * and truncated responses reach the client unaltered.
 */
export async function startRawServer(behaviour: RawBehaviour): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (head.indexOf("\r\n\r\n") === -1 && head.length < 65536) return;
      socket.removeListener("data", onData);
      behaviour(socket, head);
    };
    socket.on("data", onData);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
