/**
 * The slash-command grammar as users read it. The command names and their arguments are a public contract
 * (`design/api.md`, "Slack"); the flags that make an answer visible to the channel are Spillway's own.
 */

export type CommandName = 'help' | 'snapshots' | 'policy' | 'whatif' | 'blast' | 'diff';

export const COMMAND_NAMES: readonly CommandName[] = [
  'help',
  'snapshots',
  'policy',
  'whatif',
  'blast',
  'diff',
];

export const WHATIF_KEYWORDS = ['eject', 'load', 'fail', 'failure', 'util', 'overload'] as const;
export type WhatIfKeyword = (typeof WHATIF_KEYWORDS)[number];

/** Flags, accepted anywhere in the text, that post the answer to the channel instead of only to the caller. */
export const PUBLIC_FLAGS: readonly string[] = ['--public', 'in_channel', '--in-channel'];

export const USAGE: { readonly [C in CommandName]: string } = {
  help: 'help [COMMAND]',
  snapshots: 'snapshots',
  policy: 'policy CLIENT BACKEND [@SNAPSHOT]',
  whatif:
    'whatif CLIENT BACKEND [eject EP[,EP…]] [load FACTOR] [fail LOCALITY[,…]] [failure 5xx|connect|not-ready] [util PERCENT] [overload PERCENT[,5xx|timeout]] [@SNAPSHOT]',
  blast:
    'blast LOCALITY[,…] [eject EP[,EP…]] [load FACTOR] [failure 5xx|connect|not-ready] [util PERCENT] [overload PERCENT[,5xx|timeout]] [@SNAPSHOT]',
  diff: 'diff BEFORE AFTER',
};

export const DESCRIPTION: { readonly [C in CommandName]: string } = {
  help: 'Show this help, or the help of one command.',
  snapshots: 'List the newest mesh snapshots.',
  policy: 'The effective load-balancing, failover and outlier policy from a client to a backend, hop by hop.',
  whatif:
    "What happens to a client→backend path when endpoints fail (eject), load grows (load 1.5 = 150 %) or localities go down (fail region/zone or cluster:NAME); `failure` says how they fail: 5xx (answer 503, the default), connect (refuse connections: Envoy retries on another host) or not-ready (leave EDS and ztunnel). `util 60` gives the backend endpoints' utilisation at nominal load (their capacity; else an HPA target is used); `overload 120` makes endpoints past 120 % of capacity fail (with 5xx, or `overload 120,timeout`) and runs the overload cascade.",
  blast:
    'Which backends fail, for which clients and how badly, when localities go down (region/zone or cluster:NAME), endpoints fail (eject) or load grows: every client × backend pair of the mesh, worst first.',
  diff: 'What changes in load balancing, failover and ejection between two snapshots, per backend and client.',
};

/** Examples that work against the bundled example snapshots (`examples/`). */
export const EXAMPLES: { readonly [C in CommandName]: readonly string[] } = {
  help: ['help whatif'],
  snapshots: ['snapshots'],
  policy: [
    'policy httpbin/client-in-ambient in-ambient.httpbin @httpbin-after',
    'policy bookinfo/ratings productpage.bookinfo.mesh.internal @bookinfo-multicluster --public',
  ],
  whatif: [
    'whatif httpbin/client-in-ambient in-ambient.httpbin eject in-ambient-7d8f9b6c54-abc12,in-ambient-7d8f9b6c54-def34 @httpbin-after',
    'whatif httpbin/client-in-ambient in-ambient.httpbin load 1.5 @httpbin-after',
    'whatif bookinfo/ratings productpage.bookinfo.mesh.internal fail us-east/us-east-1a @bookinfo-multicluster',
    'whatif httpbin/client-in-ambient in-ambient.httpbin eject in-ambient-7d8f9b6c54-abc12 failure connect @httpbin-after',
    'whatif httpbin/client-in-ambient in-ambient.httpbin load 2 util 60 overload 100 @httpbin-after',
  ],
  blast: ['blast us-east/us-east-1a @bookinfo-multicluster', 'blast cluster:cluster1 @bookinfo-multicluster'],
  diff: ['diff httpbin-before httpbin-after'],
};

export const SLASH_COMMAND = '/spillway';

export const usageLine = (command: CommandName): string => `${SLASH_COMMAND} ${USAGE[command]}`;
