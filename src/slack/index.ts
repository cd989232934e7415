export { slackPlugin, SLACK_BODY_LIMIT_BYTES, SLACK_COMMANDS_PATH } from './plugin.js';
export type { SlackPluginOptions } from './plugin.js';
export { parseCommand } from './parseCommand.js';
export type { ParseResult, SlackCommand, UsageError } from './parseCommand.js';
export { signSlackRequest, verifySlackSignature } from './verifySlackSignature.js';
export type { SignatureCheck, SignatureFailure } from './verifySlackSignature.js';
export { deliverResponse, isSlackResponseUrl } from './deliverResponse.js';
export type { DeliveryResult, ResponseUrlCheck } from './deliverResponse.js';
export type { Block, SlackMessage } from './blockKit.js';
