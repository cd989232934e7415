/** What decides the balancing on one hop, and where each setting came from. */
import type { Hop } from '../api/types';
import { percent, seconds, words } from '../format';
import { refText } from './Diagnostics';

export function HopDetails({ hop, index }: { readonly hop: Hop; readonly index: number }) {
  const td = hop.trafficDistribution;
  const od = hop.outlierDetection;
  const lb = hop.localityLb;
  return (
    <details class="hop-details">
      <summary>
        Hop {index + 1} settings: <strong>{td.mode}</strong> from {words(td.source)} · {hop.loadBalancer}
        {hop.destinationRule !== null && (
          <>
            {' '}
            · DestinationRule {hop.destinationRule.namespace}/{hop.destinationRule.name}
          </>
        )}
      </summary>
      <dl class="settings">
        <dt>Traffic distribution</dt>
        <dd>
          <strong>{td.mode}</strong>
          {td.writtenValue !== null && <> (written “{td.writtenValue}”)</>} from {words(td.source)}
          {td.resource !== null && <> on {refText(td.resource)}</>}
          {td.field !== null && (
            <>
              {' '}
              <code>{td.field}</code>
            </>
          )}
        </dd>
        <dt>DestinationRule in force</dt>
        <dd>
          {hop.destinationRule === null ? 'none' : refText(hop.destinationRule)}
          {hop.destinationRuleFieldsApplied.length > 0 && (
            <span class="muted"> · applies {hop.destinationRuleFieldsApplied.join(', ')}</span>
          )}
        </dd>
        <dt>Locality load balancing</dt>
        <dd>
          {words(lb.mode)} ({lb.active ? 'active' : 'inactive'}){lb.reason !== null && <> — {lb.reason}</>}
          {lb.failoverPriority.length > 0 && (
            <div class="muted">order: {lb.failoverPriority.join(' › ')}</div>
          )}
        </dd>
        <dt>Load balancer</dt>
        <dd>{hop.loadBalancer}</dd>
        <dt>Outlier detection</dt>
        <dd>
          {od === null ? (
            'none: failing endpoints keep their share'
          ) : (
            <>
              {od.consecutive5xxErrors} consecutive 5xx
              {od.consecutiveGatewayErrors !== null && <>, {od.consecutiveGatewayErrors} gateway errors</>} ·
              every {seconds(od.intervalSeconds)} · ejected {seconds(od.baseEjectionTimeSeconds)} (at most{' '}
              {seconds(od.maxEjectionTimeSeconds)}) · cap {percent(od.maxEjectionPercent, 0)} of hosts
              {od.explicitFields.length > 0 && (
                <div class="muted">written: {od.explicitFields.join(', ')}; the rest are defaults</div>
              )}
            </>
          )}
        </dd>
        <dt>Panic threshold · overprovisioning</dt>
        <dd>
          {percent(hop.panicThresholdPercent, 0)} · {percent(hop.overprovisioningFactor, 0)}
        </dd>
      </dl>
      {hop.notes.length > 0 && (
        <ul class="notes">
          {hop.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
