/**
 * Generates a realistic mesh as multi-document YAML: per application a Service, a Deployment, two
 * running Pods with sidecars, a VirtualService and a DestinationRule; per namespace a
 * PeerAuthentication and a Gateway. Deterministic: the same count gives the same text.
 */
export function generateMesh(resources: number): string {
  const docs: string[] = [];
  const namespaces = Math.max(1, Math.round(resources / 200));
  const perNamespace = 2;
  const apps = Math.max(1, Math.floor((resources - namespaces * perNamespace) / 6));
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    docs.push(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: ${ns}
spec:
  mtls:
    mode: ${n % 3 === 0 ? "STRICT" : "PERMISSIVE"}`);
    docs.push(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${ns}-gateway
  namespace: ${ns}
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 443
      name: https-${ns}
      protocol: HTTPS
    hosts:
    - "${ns}.example.com"
    tls:
      mode: SIMPLE
      credentialName: ${ns}-cert`);
  }
  for (let a = 0; a < apps; a++) {
    const ns = `team-${a % namespaces}`;
    const app = `app-${a}`;
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app: ${app}
spec:
  selector:
    app: ${app}
  ports:
  - name: http
    port: 8080
    targetPort: 8080
  - name: grpc-api
    port: 9090`);
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}-v1
  namespace: ${ns}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${app}
      version: v1
  template:
    metadata:
      labels:
        app: ${app}
        version: v1
    spec:
      terminationGracePeriodSeconds: 30
      containers:
      - name: ${app}
        image: registry.example.com/${app}:1.${a % 7}.0
        ports:
        - containerPort: 8080
        - containerPort: 9090
        resources:
          requests:
            cpu: 100m
            memory: 128Mi`);
    for (let p = 0; p < 2; p++) {
      docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: ${app}-v1-5d8f9c${p}
  namespace: ${ns}
  labels:
    app: ${app}
    version: v1
spec:
  containers:
  - name: ${app}
    image: registry.example.com/${app}:1.${a % 7}.0
    ports:
    - containerPort: 8080
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.22.3
status:
  phase: Running
  podIP: 10.${(a >> 8) & 255}.${a & 255}.${p + 10}`);
    }
    docs.push(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  hosts:
  - ${app}
  http:
  - route:
    - destination:
        host: ${app}
        subset: v1
    retries:
      attempts: 2
    timeout: 5s`);
    docs.push(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  host: ${app}
  trafficPolicy:
    connectionPool:
      http:
        idleTimeout: 30s
  subsets:
  - name: v1
    labels:
      version: v1`);
  }
  return `${docs.join("\n---\n")}\n`;
}
