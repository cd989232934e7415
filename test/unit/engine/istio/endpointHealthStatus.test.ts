/**
 * istiod's reading of EndpointSlice conditions (`endpointslice.go` `endpointHealthStatus`, istio 1.30.3 and
 * 1.31.0-rc.0): `ready` unset or true → HEALTHY; else DRAINING for a persistent-session Service while
 * `serving` and `terminating` are each unset or true; else TERMINATING while `terminating` is unset or true
 * (`Terminating == nil || *Terminating`); else UNHEALTHY.
 */
import { describe, expect, it } from 'vitest';
import {
  endpointHealthStatus,
  supportsDrainingEndpoints,
  type EndpointConditions,
  type IstioEndpointHealth,
} from '../../../../src/engine/istio/index.js';

describe('endpointHealthStatus', () => {
  it.each<[string, EndpointConditions, boolean, IstioEndpointHealth]>([
    ['nothing written: ready by default', {}, false, 'HEALTHY'],
    ['ready true', { ready: true, serving: true, terminating: false }, false, 'HEALTHY'],
    // A not-ready endpoint whose slice leaves `terminating` out counts as terminating (nil → true).
    ['ready false, terminating unset', { ready: false }, false, 'TERMINATING'],
    [
      'ready false, terminating true',
      { ready: false, serving: false, terminating: true },
      false,
      'TERMINATING',
    ],
    [
      'ready false, serving true, terminating true',
      { ready: false, serving: true, terminating: true },
      false,
      'TERMINATING',
    ],
    [
      'ready false, terminating false: not ready',
      { ready: false, serving: false, terminating: false },
      false,
      'UNHEALTHY',
    ],
    // Persistent sessions: a terminating endpoint still serving drains instead.
    [
      'persistent session, serving and terminating',
      { ready: false, serving: true, terminating: true },
      true,
      'DRAINING',
    ],
    ['persistent session, both unset', { ready: false }, true, 'DRAINING'],
    [
      'persistent session, no longer serving',
      { ready: false, serving: false, terminating: true },
      true,
      'TERMINATING',
    ],
    [
      'persistent session, not terminating',
      { ready: false, serving: true, terminating: false },
      true,
      'UNHEALTHY',
    ],
    ['persistent session, ready', { ready: true }, true, 'HEALTHY'],
  ])('%s', (_name, conditions, persistentSession, expected) => {
    const status = endpointHealthStatus(conditions, persistentSession);
    expect(status.health).toBe(expected);
    expect(status.reason).not.toBe('');
  });

  it('says when it read an absent terminating as true', () => {
    expect(endpointHealthStatus({ ready: false }, false).reason).toContain('absent terminating');
  });
});

describe('supportsDrainingEndpoints (Service.SupportsDrainingEndpoints)', () => {
  it.each<[Record<string, string>, boolean]>([
    [{}, false],
    [{ 'istio.io/persistent-session': 'session-cookie' }, true],
    [{ 'istio.io/persistent-session-header': 'x-session' }, true],
    [{ 'istio.io/persistent-session': '' }, false],
  ])('%j → %s', (labels, expected) => {
    expect(supportsDrainingEndpoints(labels)).toBe(expected);
  });
});
