/**
 * What a retry policy does with a hop's failing endpoints: the error rate left after retries and the
 * attempts each endpoint receives (each retry is another request on another host, issue 14 item 5).
 *
 * Envoy's router retries a retriable failure up to `num_retries` times (`RetryStateImpl`); each attempt
 * picks a host afresh from the load balancer (`chooseHost`: priority, locality, host), and with the
 * `previous_hosts` predicate a draw that hits a host already tried is redrawn, up to
 * `host_selection_retry_max_attempts` extra draws, after which the last draw is kept even if already tried
 * (`LoadBalancerBase::chooseHost`, `ThreadAwareLoadBalancerBase::LoadBalancerImpl::chooseHost`:
 * `hostSelectionRetryCount() + 1` draws, `shouldSelectAnotherHost`).
 *
 * Model: each draw lands on endpoint j with its long-run share pⱼ (the placement, normalised over what
 * reaches a host). With d = max attempts + 1 draws and A the set already tried (mass a), one attempt
 * lands on an untried j with pⱼ·(1 + a + … + a^(d−1)) and on a tried j with a^(d−1)·pⱼ. The failing
 * endpoints are grouped by equal share, so the exact sum over every sequence of tried hosts costs
 * O(groups^retries). The approximation: draws are independent (true for RANDOM; ROUND_ROBIN and
 * LEAST_REQUEST's power of two choices correlate consecutive picks, which this ignores). Without the
 * predicate (Istio's consistent-hash policy) every retry goes back to the host the hash picked.
 *
 * A host may fail only part of its attempts (an east-west gateway with some failing endpoints behind it,
 * `gatewayFailures.ts`): with φⱼ its failing fraction, an attempt on it fails with φⱼ, independently of
 * earlier attempts (each attempt is a new connection the gateway picks afresh), and a request whose
 * attempt succeeds stops there. φⱼ = 1 is a failing pod.
 */
export interface RetryModel {
  readonly numRetries: number;
  /** The previous-hosts predicate; without it (consistent hashing) a retry returns to the same host. */
  readonly previousHosts: boolean;
  readonly hostSelectionRetryMaxAttempts: number;
}

export interface RetryOutcome {
  /** Share of the hop's requests that fail on every attempt, percent. */
  readonly errorPercent: number;
  /** Per endpoint, attempts per 100 requests of the hop (equals the share where nothing is retried). */
  readonly attempts: Float64Array;
  /** Mean attempts per request that reaches an endpoint. */
  readonly attemptsPerRequest: number;
  /** Share of the hop's requests retried at least once, percent. */
  readonly retriedPercent: number;
}

interface Group {
  /** Normalised share of one member. */
  readonly q: number;
  /** Chance (0–1) that an attempt on a member fails. */
  readonly phi: number;
  readonly members: number[];
}

/** φ of endpoint `i`: its failing fraction when given, else 1 for a failing endpoint. */
function failingFraction(failing: Uint8Array, fraction: Float64Array | undefined, i: number): number {
  if (failing[i] !== 1) return 0;
  return fraction === undefined ? 1 : Math.min(1, Math.max(0, fraction[i] ?? 1));
}

/** Failing endpoints with a share, grouped by equal share and φ (exchangeable under the model). */
function failingGroups(
  shares: Float64Array,
  failing: Uint8Array,
  total: number,
  fraction: Float64Array | undefined,
): Group[] {
  const byKey = new Map<string, Group>();
  for (let i = 0; i < shares.length; i += 1) {
    const s = shares[i] ?? 0;
    const phi = failingFraction(failing, fraction, i);
    if (phi <= 0 || s <= 0) continue;
    const key = `${s.toString()}|${phi.toString()}`;
    let g = byKey.get(key);
    if (g === undefined) {
      g = { q: s / total, phi, members: [] };
      byKey.set(key, g);
    }
    g.members.push(i);
  }
  return [...byKey.values()];
}

/** 1 + a + … + a^(n−1): the chance-weight of a draw sequence ending on an untried host. */
function untriedWeight(a: number, draws: number): number {
  let sum = 0;
  let power = 1;
  for (let t = 0; t < draws; t += 1) {
    sum += power;
    power *= a;
  }
  return sum;
}

/**
 * @example retryAttempts([50, 50], [1, 0], { numRetries: 2, previousHosts: true, hostSelectionRetryMaxAttempts: 5 })
 * // → errorPercent 100 × 0.5 × 0.5^6 × 0.5^6 ≈ 0.0122 (the retry redraws 6 times before it keeps the failing host)
 */
export function retryAttempts(
  shares: Float64Array,
  failing: Uint8Array,
  model: RetryModel,
  /** Per endpoint, φ: the share of its attempts that fail (default 1 on every failing endpoint). */
  fraction?: Float64Array,
): RetryOutcome {
  const n = shares.length;
  const attempts = new Float64Array(n);
  let total = 0;
  let failingTotal = 0;
  for (let i = 0; i < n; i += 1) {
    const s = shares[i] ?? 0;
    total += s;
    failingTotal += s * failingFraction(failing, fraction, i);
  }
  if (total <= 0) return { errorPercent: 0, attempts, attemptsPerRequest: 0, retriedPercent: 0 };
  const retries = Math.max(0, Math.floor(model.numRetries));
  if (retries === 0 || failingTotal <= 0) {
    attempts.set(shares.subarray(0, n));
    return { errorPercent: failingTotal, attempts, attemptsPerRequest: 1, retriedPercent: 0 };
  }
  if (!model.previousHosts) {
    // The hash keeps the host: a failing host takes every attempt of its requests; each attempt fails
    // with φ, so a request takes 1 + φ + … + φ^retries attempts and fails with φ^(retries + 1).
    let sum = 0;
    let failAll = 0;
    for (let i = 0; i < n; i += 1) {
      const s = shares[i] ?? 0;
      const phi = failingFraction(failing, fraction, i);
      attempts[i] = s * untriedWeight(phi, retries + 1);
      failAll += s * phi ** (retries + 1);
      sum += attempts[i] ?? 0;
    }
    return {
      errorPercent: failAll,
      attempts,
      attemptsPerRequest: sum / total,
      retriedPercent: failingTotal,
    };
  }
  const draws = model.hostSelectionRetryMaxAttempts + 1;
  const groups = failingGroups(shares, failing, total, fraction);
  const used = new Int32Array(groups.length);
  const onGroup = new Float64Array(groups.length);
  let onSucceeding = 0;
  let failAll = 0;
  // reach: the chance that attempt `k` happens with tried mass `a` and `used[g]` members of each group tried.
  const step = (k: number, a: number, reach: number): void => {
    const fresh = untriedWeight(a, draws);
    const again = a ** (draws - 1);
    onSucceeding += reach * fresh;
    for (let g = 0; g < groups.length; g += 1) {
      const group = groups[g];
      if (group === undefined) continue;
      const untried = group.members.length - (used[g] ?? 0);
      const newMass = reach * untried * group.q * fresh;
      const repeatMass = reach * again * (used[g] ?? 0) * group.q;
      onGroup[g] = (onGroup[g] ?? 0) + newMass + repeatMass;
      // Only the failing part of an attempt goes on to the next one.
      if (k === retries) {
        failAll += (newMass + repeatMass) * group.phi;
        continue;
      }
      if (newMass > 0) {
        used[g] = (used[g] ?? 0) + 1;
        step(k + 1, a + group.q, newMass * group.phi);
        used[g] = (used[g] ?? 0) - 1;
      }
      // A repeat keeps the tried set; handled once per group so its mass is split the same way.
      if (repeatMass > 0) step(k + 1, a, repeatMass * group.phi);
    }
  };
  step(0, 0, 1);
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    if (failing[i] !== 1) {
      attempts[i] = (shares[i] ?? 0) * onSucceeding;
      sum += attempts[i] ?? 0;
    }
  }
  groups.forEach((group, g) => {
    const perMember = ((onGroup[g] ?? 0) * total) / group.members.length;
    for (const i of group.members) attempts[i] = perMember;
    sum += perMember * group.members.length;
  });
  return {
    errorPercent: failAll * total,
    attempts,
    attemptsPerRequest: sum / total,
    retriedPercent: failingTotal,
  };
}
