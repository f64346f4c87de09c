import net from "node:net";
import type { WireCase } from "./cases.ts";

/**
 * A raw upstream: for `GET /<case>` it writes that case's bytes exactly as stored and closes
 * the connection. Nothing is parsed or fixed on the way out.
 */
export async function startUpstream(cases: readonly WireCase[]): Promise<{ port: number; close(): Promise<void> }> {
  const byPath = new Map(cases.map((c) => [`/${c.name}`, c.bytes]));
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let head = "";
    socket.on("data", (chunk) => {
      if (head.includes("\r\n\r\n")) return;
      head += chunk.toString("latin1");
      if (!head.includes("\r\n\r\n")) return;
      const path = head.split(" ")[1] ?? "";
      socket.end(byPath.get(path) ?? Buffer.from("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends one request over a raw socket and returns every byte until the peer closes (or time runs out). */
export function rawRequest(port: number, path: string, method = "GET", timeoutMs = 5000): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`${method} ${path} HTTP/1.1\r\nHost: lab.test\r\nConnection: close\r\n\r\n`);
    });
    const finish = (): void => {
      socket.destroy();
      resolve(Buffer.concat(chunks));
    };
    socket.setTimeout(timeoutMs, finish);
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("close", finish);
    socket.on("error", finish);
  });
}
