/** Who wrote a response, from its Server header: the report says it before blaming anyone. */
export function producerOf(server: string | undefined): string {
  const s = (server ?? "").toLowerCase();
  for (const name of ["envoy", "kong", "openresty", "nginx", "haproxy", "apache", "caddy"]) {
    if (s.includes(name)) return name === "openresty" ? "nginx" : name;
  }
  return "app";
}

export function seconds(value: number): string {
  if (value >= 10) return `${Math.round(value)}`;
  return value.toFixed(value < 0.01 ? 4 : 3).replace(/\.?0+$/, "") || "0";
}
