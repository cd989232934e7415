/**
 * The statement every whatIf answer carries about the load model (issue 4 item 4; spillover README).
 */
import { SCENARIO_FAILURE_HTTP_STATUS } from '../spillover/index.js';

export const LOAD_MODEL_NOTES: readonly string[] = [
  'Load model: at load factor L a priority absorbs min(100, floor(overprovisioning × healthy / total / L)) % of the offered demand; ' +
    "at L = 1 this is exactly Envoy's health score, so every load reported at L = 1 is Envoy's own. Above that headroom, traffic " +
    "spills to the next priority through Envoy's distribution; demand no priority can absorb is reported as overflow.",
  'Assumptions: endpoints have uniform capacity unless the snapshot gives endpoint weights (then weights stand for capacity); a fully ' +
    'healthy priority is provisioned for overprovisioning/100 of the nominal demand; demand scales uniformly; panic stays a health ' +
    'mechanism and is never triggered by load.',
  'Envoy itself spills on health, not load: it never measures load when choosing a priority. Under real overload, traffic moves only ' +
    'once endpoints fail health checks or are ejected by outlier detection.',
  'ztunnel and kube-proxy never spill: all traffic stays on the serving endpoints, and their shortfall at load factor L is overflow.',
  `Failing endpoints answer ${SCENARIO_FAILURE_HTTP_STATUS.toString()}: the share they keep is errors. errorPercent and overflowPercent ` +
    'compose the hops in series (1 − Π(1 − rate)); traffic that finds no usable endpoint counts as errors.',
];
