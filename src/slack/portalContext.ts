/** The closing block that takes a reader from a Slack answer to the portal. */
import { context } from './blockKit.js';
import type { Block } from './blockKit.js';
import { escapeMrkdwn } from './textFormat.js';

export const PORTAL_LINK_TEXT = 'Open this view in Spillway';

/** No block without a public URL: the link is the whole point of it. */
export function portalContext(link: string | undefined): Block[] {
  return link === undefined ? [] : [context(`<${escapeMrkdwn(link)}|${PORTAL_LINK_TEXT}>`)];
}
