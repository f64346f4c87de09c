import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeCertificate } from "../../test/support/certs.ts";
import { freePort, waitForPort } from "../support/ports.ts";

export const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p));
const NOBODY = 65534;

/** Why this lab cannot run here, or null. */
export function nginxLabUnavailable(): string | null {
  if (!NGINX) return "nginx is not installed";
  if (process.getuid?.() !== 0) return "the lab needs root to run nginx workers as nobody";
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
  } catch {
    return "openssl is not installed";
  }
  return null;
}

export interface NginxLab {
  readonly prefix: string;
  readonly h1Port: number;
  readonly tlsPort: number;
  readonly h2cPort: number;
  readonly errorLog: string;
  readonly bodyBytes: number;
  fixTempOwner(): void;
  stop(): void;
}

/**
 * The first field report rebuilt: nginx proxies a large static file from an upstream server
 * block, with tiny buffers and socket buffers so the body must spill to proxy_temp, and a
 * proxy_temp directory the workers (nobody) cannot write, as after a root-owned volume mount.
 */
export async function startNginxLab(): Promise<NginxLab> {
  const prefix = mkdtempSync(join(tmpdir(), "proxydoc-nginx-"));
  chmodSync(prefix, 0o755);
  const html = join(prefix, "html", "assets");
  mkdirSync(html, { recursive: true });
  mkdirSync(join(prefix, "logs"));
  const temp = join(prefix, "proxy_temp");
  mkdirSync(temp, { mode: 0o700 });
  for (const dir of ["client_body_temp", "fastcgi_temp", "uwsgi_temp", "scgi_temp"]) {
    mkdirSync(join(prefix, dir), { mode: 0o700 });
    chownSync(join(prefix, dir), NOBODY, NOBODY);
  }
  const bodyBytes = 3 * 1024 * 1024;
  const line = "const editor=function(){return this._first===Dt.Undefined};\n";
  writeFileSync(join(html, "monaco-editor.js"), line.repeat(Math.ceil(bodyBytes / line.length)).slice(0, bodyBytes));
  makeCertificate(prefix, "server", { name: "kong.example.test", altNames: ["DNS:kong.example.test", "IP:127.0.0.1"] });
  const [h1Port, tlsPort, h2cPort, upstreamPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const errorLog = join(prefix, "logs", "error.log");
  writeFileSync(
    join(prefix, "nginx.conf"),
    `user nobody nogroup;
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${errorLog} notice;
events { worker_connections 64; }
http {
  access_log ${prefix}/logs/access.log;
  client_body_temp_path ${prefix}/client_body_temp;
  fastcgi_temp_path ${prefix}/fastcgi_temp;
  uwsgi_temp_path ${prefix}/uwsgi_temp;
  scgi_temp_path ${prefix}/scgi_temp;
  proxy_temp_path ${temp} 1 2;
  proxy_buffering on;
  proxy_buffer_size 4k;
  proxy_buffers 2 4k;
  proxy_busy_buffers_size 4k;
  sendfile off;
  server {
    listen 127.0.0.1:${upstreamPort};
    root ${prefix}/html;
  }
  upstream app { server 127.0.0.1:${upstreamPort}; }
  server {
    listen 127.0.0.1:${h1Port} sndbuf=4k;
    listen 127.0.0.1:${tlsPort} ssl http2 sndbuf=4k;
    listen 127.0.0.1:${h2cPort} http2 sndbuf=4k;
    server_name kong;
    ssl_certificate ${prefix}/server.pem;
    ssl_certificate_key ${prefix}/server.key;
    location / {
      proxy_pass http://app;
      limit_rate_after 64k;
      limit_rate 4m;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX as string, ["-p", prefix, "-c", join(prefix, "nginx.conf"), "-e", errorLog], {
    stdio: "ignore",
  });
  await waitForPort(h1Port);
  // nginx's master gives the temp path to the workers at start; a volume mounted over it
  // afterwards (seed 000) leaves it root-owned again, which is what this restores.
  chownSync(temp, 0, 0);
  chmodSync(temp, 0o700);
  return {
    prefix,
    h1Port,
    tlsPort,
    h2cPort,
    errorLog,
    bodyBytes,
    fixTempOwner: () => chownSync(temp, NOBODY, NOBODY),
    stop() {
      if (child.pid && child.exitCode === null) child.kill("SIGTERM");
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
