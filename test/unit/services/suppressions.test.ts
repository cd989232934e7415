import { describe, expect, it } from 'vitest';
import {
  annotatedCodes,
  friendlyName,
  globMatches,
  parseSuppression,
  suppressedByAnnotation,
  suppressedByRule,
} from '../../../src/services/suppressions.js';

const RULE = { kind: 'DestinationRule', name: 'reviews', namespace: 'prod' };
const NODE = { kind: 'Node', name: 'ip-10-0-0-1.ec2.internal' };

describe('suppressions (istioctl analyze -S and the spillway.dev/suppress annotation)', () => {
  it.each([
    [RULE, 'DestinationRule reviews.prod'],
    [NODE, 'Node ip-10-0-0-1.ec2.internal'],
    [{ kind: 'Service', name: 'a', namespace: '' }, 'Service a'],
  ])('friendlyName(%o) is %s', (resource, name) => {
    expect(friendlyName(resource)).toBe(name);
  });

  it.each([
    // istioctl's glob.Glob: * is any run of characters, everything else literal.
    ['DestinationRule reviews.prod', 'DestinationRule reviews.prod', true],
    ['DestinationRule *.prod', 'DestinationRule reviews.prod', true],
    ['*', 'DestinationRule reviews.prod', true],
    ['DestinationRule review*', 'DestinationRule reviews.prod', true],
    ['DestinationRule *.prod', 'DestinationRule reviews.production', false],
    ['DestinationRule r.views.prod', 'DestinationRule reviews.prod', false],
    ['destinationrule reviews.prod', 'DestinationRule reviews.prod', false],
    ['Service *', 'DestinationRule reviews.prod', false],
  ])('glob %s against %s → %s', (pattern, subject, expected) => {
    expect(globMatches(pattern, subject)).toBe(expected);
  });

  it.each([
    ['SPW0010=DestinationRule *.prod', { code: 'SPW0010', resource: 'DestinationRule *.prod' }],
    ['SPW0010=*', { code: 'SPW0010', resource: '*' }],
  ])('parses %s', (text, parsed) => {
    expect(parseSuppression(text)).toEqual(parsed);
  });

  it.each(['SPW0010', '=*', 'SPW0010=', 'A=B=C'])('refuses %s as a usage error', (text) => {
    expect(() => parseSuppression(text)).toThrowError(expect.objectContaining({ code: 'INVALID_REQUEST' }));
  });

  it.each([
    // [code, rules, suppressed]: the code must match exactly; any of the finding's resources may match.
    ['SPW0010', [{ code: 'SPW0010', resource: 'DestinationRule *.prod' }], true],
    ['SPW0010', [{ code: 'SPW0011', resource: '*' }], false],
    ['SPW0010', [{ code: 'SPW*', resource: '*' }], false],
    ['SPW0010', [{ code: 'SPW0010', resource: 'Node ip-*' }], true],
    ['SPW0010', [], false],
  ])('rule match for %s with %o → %s', (code, rules, expected) => {
    expect(suppressedByRule(code, [RULE, NODE], rules)).toBe(expected);
  });

  it.each([
    [{ 'spillway.dev/suppress': 'SPW0010' }, 'SPW0010', true],
    [{ 'spillway.dev/suppress': 'SPW0002, SPW0010' }, 'SPW0010', true],
    [{ 'spillway.dev/suppress': '*' }, 'SPW1001', true],
    [{ 'spillway.dev/suppress': 'SPW0002' }, 'SPW0010', false],
    [{ 'galley.istio.io/analyze-suppress': 'SPW0010' }, 'SPW0010', false],
    [{}, 'SPW0010', false],
  ])('annotations %o silence %s: %s', (annotations, code, expected) => {
    expect(suppressedByAnnotation(code, annotations)).toBe(expected);
  });

  it('reads the annotation as a comma-separated list, ignoring blanks', () => {
    expect(annotatedCodes({ 'spillway.dev/suppress': ' SPW0001 ,,SPW0002 ' })).toEqual([
      'SPW0001',
      'SPW0002',
    ]);
  });
});
