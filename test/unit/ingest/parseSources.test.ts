import { describe, expect, it } from 'vitest';
import { locateInSource } from '../../../src/ingest/locateInSource.js';
import { parseSources } from '../../../src/ingest/parseSources.js';

const SERVICE = (name: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  ports:\n  - port: 80\n`;

describe('parseSources: several files read as one upload', () => {
  it('gives each object its source, document index within it and pointer', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${SERVICE('b').trimEnd().replaceAll('\n', '\n  ')}\n`;
    const result = parseSources(
      [
        { name: 'a.yaml', body: `${SERVICE('a')}---\n${SERVICE('c')}`, contentType: 'application/yaml' },
        {
          name: 'b.json',
          body: JSON.stringify([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web' } }]),
          contentType: 'application/json',
        },
        { name: 'list.yaml', body: list, contentType: 'application/yaml' },
      ],
      {},
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(
      result.objects.map((object) => [
        object.source,
        object.documentIndex,
        object.pointer,
        object.kind,
        object.namespace,
        object.name,
      ]),
    ).toEqual([
      ['a.yaml', 0, '', 'Service', 'web', 'a'],
      ['a.yaml', 1, '', 'Service', 'web', 'c'],
      ['b.json', 0, '', 'Namespace', undefined, 'web'],
      ['list.yaml', 0, '/items/0', 'Service', 'web', 'b'],
    ]);
  });

  it('reports problems in the source and document they are in, across files', () => {
    const result = parseSources(
      [
        { name: 'one.yaml', body: SERVICE('a'), contentType: 'application/yaml' },
        { name: 'two.yaml', body: `kind: [\n---\n${SERVICE('a')}`, contentType: 'application/yaml' },
      ],
      {},
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => [problem.code, problem.source, problem.documentIndex])).toEqual([
      ['YAML_SYNTAX', 'two.yaml', 0],
      // The second Service a duplicates the first (same cluster, kind, namespace, name), one file apart.
      ['DUPLICATE_OBJECT', 'two.yaml', 1],
    ]);
  });
});

describe('locateInSource', () => {
  it.each([
    // [text, content type, places, lines]
    [
      'a: 1\n---\nkind: List\nitems:\n- kind: Pod\n- kind: Service\n',
      'application/yaml',
      [{ documentIndex: 1, pointer: '/items/1' }],
      [6],
    ],
    [
      'kind: Pod\n---\nkind: Service\n',
      'application/yaml',
      [
        { documentIndex: 1, pointer: '' },
        { documentIndex: 0, pointer: '' },
      ],
      [3, 1],
    ],
    [
      '[\n  {"kind": "Pod"},\n  {"kind": "Service",\n   "metadata": {"name": "x"}}\n]',
      'application/json',
      [{ documentIndex: 1, pointer: '/metadata' }],
      [4],
    ],
    [
      '{"kind": "List",\n "items": [\n  {"kind": "Pod"}\n ]}',
      'application/json',
      [{ documentIndex: 0, pointer: '/items/0' }],
      [3],
    ],
    ['kind: Pod\n', 'application/yaml', [{ documentIndex: 3, pointer: '' }], [undefined]],
  ] as const)('%j → lines %j', (text, contentType, places, lines) => {
    expect(locateInSource(text, contentType, places).map((location) => location?.line)).toEqual(lines);
  });

  it('locates 200,000 places (no spread of one argument per place)', () => {
    // `Math.max(...indexes)` threw RangeError (call stack) at this size.
    const places = Array.from({ length: 200_000 }, (_, index) => ({
      documentIndex: index % 2,
      pointer: '',
    }));
    const lines = locateInSource('kind: Pod\n---\nkind: Service\n', 'application/yaml', places).map(
      (location) => location?.line,
    );
    expect(lines.slice(0, 4)).toEqual([1, 3, 1, 3]);
    expect(lines.filter((line) => line === undefined)).toEqual([]);
  });
});
