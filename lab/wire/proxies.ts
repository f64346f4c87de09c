import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PeerName } from "../../src/wire/peers/model.ts";
import { freePort, hasProgram, type Started, startProcess, tempDir, waitForPort } from "./processes.ts";

export interface RunningProxy {
  readonly peer: PeerName;
  readonly version: string;
  readonly port: number;
  /** The proxy's own log, for the table's notes. */
  log(): string;
  stop(): Promise<void>;
}

function versionOf(command: string, args: string[], pattern: RegExp): string | undefined {
  const run = spawnSync(command, args, { encoding: "utf8" });
  return pattern.exec(`${run.stdout ?? ""}${run.stderr ?? ""}`)?.[1];
}

export const INSTALLED = {
  nginx: () => (hasProgram("nginx") ? versionOf("nginx", ["-v"], /nginx\/(\d+\.\d+\.\d+)/) : undefined),
  haproxy: () => (hasProgram("haproxy") ? versionOf("haproxy", ["-v"], /version (\d+\.\d+\.\d+)/) : undefined),
  apache: () => (hasProgram("apache2") ? versionOf("apache2", ["-v"], /Apache\/(\d+\.\d+\.\d+)/) : undefined),
  caddy: () => (hasProgram("caddy") ? versionOf("caddy", ["version"], /v?(\d+\.\d+\.\d+)/) : undefined),
  curl: () => (hasProgram("curl") ? versionOf("curl", ["--version"], /curl (\d+\.\d+\.\d+)/) : undefined),
  go: () => (hasProgram("go") ? versionOf("go", ["version"], /go(\d+\.\d+(?:\.\d+)?)/) : undefined),
};

async function launch(
  peer: PeerName,
  version: string,
  port: number,
  started: Started,
  logFile: string | undefined,
  remove: () => void,
): Promise<RunningProxy> {
  if (!(await waitForPort(port))) {
    await started.stop();
    remove();
    throw new Error(`${peer} did not start: ${started.output().slice(0, 2000)}`);
  }
  return {
    peer,
    version,
    port,
    log: () => {
      try {
        return `${started.output()}${logFile ? readFileSync(logFile, "utf8") : ""}`;
      } catch {
        return started.output();
      }
    },
    stop: async () => {
      await started.stop();
      remove();
    },
  };
}

export async function startNginx(upstream: number): Promise<RunningProxy> {
  const dir = tempDir("nginx");
  const port = await freePort();
  for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"]) mkdirSync(join(dir.path, sub));
  const log = join(dir.path, "logs", "error.log");
  writeFileSync(
    join(dir.path, "nginx.conf"),
    `daemon off;
master_process off;
pid ${dir.path}/nginx.pid;
error_log ${log} info;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir.path}/body;
  proxy_temp_path ${dir.path}/proxy;
  fastcgi_temp_path ${dir.path}/fastcgi;
  uwsgi_temp_path ${dir.path}/uwsgi;
  scgi_temp_path ${dir.path}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://127.0.0.1:${upstream};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream off;
    }
  }
}
`,
  );
  const started = startProcess("nginx", ["-p", dir.path, "-c", join(dir.path, "nginx.conf"), "-e", log]);
  return launch("nginx", INSTALLED.nginx() ?? "?", port, started, log, dir.remove);
}

export async function startHaproxy(upstream: number): Promise<RunningProxy> {
  const dir = tempDir("haproxy");
  const port = await freePort();
  const config = join(dir.path, "haproxy.cfg");
  writeFileSync(
    config,
    `global
  log stderr format raw local0 info
defaults
  mode http
  log global
  option httplog
  timeout connect 2s
  timeout client 5s
  timeout server 5s
frontend lab
  bind 127.0.0.1:${port}
  default_backend app
backend app
  server app 127.0.0.1:${upstream}
`,
  );
  const started = startProcess("haproxy", ["-f", config, "-db"]);
  return launch("haproxy", INSTALLED.haproxy() ?? "?", port, started, undefined, dir.remove);
}

export async function startApache(upstream: number): Promise<RunningProxy> {
  const dir = tempDir("apache");
  const port = await freePort();
  const modules = "/usr/lib/apache2/modules";
  const log = join(dir.path, "error.log");
  const config = join(dir.path, "apache2.conf");
  writeFileSync(
    config,
    `ServerRoot ${dir.path}
LoadModule mpm_event_module ${modules}/mod_mpm_event.so
LoadModule authz_core_module ${modules}/mod_authz_core.so
LoadModule proxy_module ${modules}/mod_proxy.so
LoadModule proxy_http_module ${modules}/mod_proxy_http.so
Listen 127.0.0.1:${port}
ServerName lab.test
PidFile ${dir.path}/apache2.pid
DefaultRuntimeDir ${dir.path}
Mutex file:${dir.path} default
ErrorLog ${log}
LogLevel warn
User nobody
Group nogroup
ProxyPass / http://127.0.0.1:${upstream}/ disablereuse=On
ProxyPassReverse / http://127.0.0.1:${upstream}/
`,
  );
  const started = startProcess("apache2", ["-f", config, "-DFOREGROUND"]);
  return launch("apache", INSTALLED.apache() ?? "?", port, started, log, dir.remove);
}

export async function startCaddy(upstream: number): Promise<RunningProxy> {
  const dir = tempDir("caddy");
  const port = await freePort();
  const config = join(dir.path, "Caddyfile");
  writeFileSync(
    config,
    `{
  admin off
  auto_https off
  storage file_system ${dir.path}/data
}
http://:${port} {
  bind 127.0.0.1
  reverse_proxy 127.0.0.1:${upstream}
}
`,
  );
  const env = { HOME: dir.path, XDG_DATA_HOME: dir.path, XDG_CONFIG_HOME: dir.path };
  const started = startProcess("caddy", ["run", "--config", config, "--adapter", "caddyfile"], env);
  return launch("caddy", INSTALLED.caddy() ?? "?", port, started, undefined, dir.remove);
}
