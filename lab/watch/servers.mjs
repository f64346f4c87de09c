// A TCP accept-and-close server and an h2c server, for the watch lab. Prints "ready <tcp> <h2c>".
import http2 from "node:http2";
import net from "node:net";

const tcp = net
  .createServer((socket) => socket.end())
  .listen(0, "0.0.0.0", () => {
    const h2c = http2
      .createServer((_request, response) => response.end("ok"))
      .listen(0, "0.0.0.0", () => {
        process.stdout.write(`ready ${tcp.address().port} ${h2c.address().port}\n`);
      });
  });
setTimeout(() => process.exit(0), 10 * 60 * 1000).unref();
process.on("SIGTERM", () => process.exit(0));
