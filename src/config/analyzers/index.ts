import type { Analyzer } from "../analyzer.ts";
import { accessLogging } from "./access-logging.ts";
import { appGatewayBackendTls } from "./appgw-backend-tls.ts";
import { autoMtlsOff } from "./auto-mtls.ts";
import { changeOrdering } from "./change-order.ts";
import { destinationRuleTls } from "./destination-rule-tls.ts";
import { discoveryAddress } from "./discovery-address.ts";
import { duplicateDestinationRules } from "./duplicate-destination-rules.ts";
import { envoyClusterMissingOrEmpty } from "./envoy-clusters.ts";
import { faultWithRetries } from "./fault-retries.ts";
import { gatewayReferences } from "./gateway-references.ts";
import { gatewayRoutePorts } from "./gateway-route-ports.ts";
import { gatewayConflicts } from "./gateways.ts";
import { headerLimits } from "./header-limits.ts";
import { hostResolvesToNothing } from "./host-resolution.ts";
import { injectionLabelValues, sidecarInjection } from "./injection.ts";
import { jwtPolicy } from "./jwt-policy.ts";
import { kongPrefix } from "./kong-prefix.ts";
import { nginxProxyBuffer } from "./nginx-buffers.ts";
import { nginxTempPath } from "./nginx-temp-path.ts";
import { nginxUnderscoreHeaders } from "./nginx-underscores.ts";
import { portProtocolDeclaration, targetPortProtocolConflict } from "./port-protocols.ts";
import { proxyUid } from "./proxy-uid.ts";
import { routeToUndefinedSubset } from "./route-subsets.ts";
import { serviceEntryAddresses } from "./service-entry-addresses.ts";
import { sidecarScope } from "./sidecar-scope.ts";
import { serviceSelectsNoPods, subsetSelectsNoPods } from "./subset-pods.ts";
import { tracingProviders } from "./telemetry-providers.ts";
import { terminationDrain } from "./termination-drain.ts";

/** Every analyzer `proxydoc lint` runs, in code order. */
export const ALL_ANALYZERS: readonly Analyzer[] = [
  destinationRuleTls,
  autoMtlsOff,
  subsetSelectsNoPods,
  serviceSelectsNoPods,
  routeToUndefinedSubset,
  hostResolvesToNothing,
  envoyClusterMissingOrEmpty,
  gatewayReferences,
  duplicateDestinationRules,
  gatewayRoutePorts,
  targetPortProtocolConflict,
  portProtocolDeclaration,
  gatewayConflicts,
  faultWithRetries,
  changeOrdering,
  headerLimits,
  discoveryAddress,
  tracingProviders,
  accessLogging,
  terminationDrain,
  sidecarInjection,
  injectionLabelValues,
  proxyUid,
  jwtPolicy,
  serviceEntryAddresses,
  sidecarScope,
  kongPrefix,
  nginxProxyBuffer,
  nginxUnderscoreHeaders,
  nginxTempPath,
  appGatewayBackendTls,
];
