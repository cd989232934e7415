/** `/spillway snapshots`: the newest snapshots, with the reference to use after `@`. */
import type { SnapshotPage } from '../services/types.js';
import { context, header, message, section } from './blockKit.js';
import type { Block, ResponseType, SlackMessage } from './blockKit.js';
import { portalContext } from './portalContext.js';
import { code, escapeMrkdwn } from './textFormat.js';

export const SNAPSHOTS_SHOWN = 10;

export function renderSnapshots(
  page: Pick<SnapshotPage, 'items' | 'nextCursor'>,
  responseType: ResponseType,
  link?: string,
): SlackMessage {
  if (page.items.length === 0) {
    return message(responseType, 'No snapshots yet. Upload one with POST /v1/snapshots.', [
      section('*No snapshots yet.* Upload one with `POST /v1/snapshots` (see the API docs).'),
      ...portalContext(link),
    ]);
  }
  const lines = page.items.map((s) => {
    const clusters = s.clusters.map((c) => (c.network === '' ? c.name : `${c.name}/${c.network}`)).join(', ');
    return `• *${escapeMrkdwn(s.name)}* ${code(`@${s.id}`)} · ${s.profile} · ${escapeMrkdwn(clusters)} · ${escapeMrkdwn(s.createdAt)}`;
  });
  const blocks: Block[] = [header('Snapshots'), section(lines.join('\n'))];
  if (page.nextCursor !== undefined)
    blocks.push(
      context(`Showing the newest ${page.items.length}; list them all with \`GET /v1/snapshots\`.`),
    );
  blocks.push(context('Use `@NAME` (its newest version), `@ID` or `@latest` after `policy` or `whatif`.'));
  blocks.push(...portalContext(link));
  const text = [
    'Snapshots:',
    ...page.items.map((s) => `${s.name} @${s.id} (${s.profile}, ${s.createdAt})`),
    ...(link === undefined ? [] : [link]),
  ].join('\n');
  return message(responseType, text, blocks);
}
