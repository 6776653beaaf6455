/**
 * Slack Web API failures, read once: which ones a retry can fix and which ones need a person
 * (the bot removed from a channel, a revoked token, a missing scope). The scheduler pauses a
 * subscription on a permanent DeliveryError and shows the reason in `/coalition schedules`.
 */
import { DeliveryError } from '../adapter';

/** The shapes @slack/web-api throws (its ErrorCode values), read structurally. */
interface SlackApiError {
  code?: string;
  data?: { error?: string; needed?: string };
  retryAfter?: number;
  statusCode?: number;
  message?: string;
}

const PERMANENT: Record<string, string> = {
  channel_not_found: 'Slack cannot find the channel (deleted, or private without the bot in it)',
  not_in_channel: 'the bot is not in this channel (it was removed): invite it back to resume',
  is_archived: 'the channel is archived',
  channel_is_archived: 'the channel is archived',
  missing_scope: 'the Slack app is missing a permission',
  account_inactive: 'the bot token belongs to a deactivated account',
  invalid_auth: 'Slack rejected the bot token',
  not_authed: 'no bot token was sent to Slack',
  token_revoked: 'the bot token was revoked (the app was uninstalled?)',
  token_expired: 'the bot token has expired',
  no_permission: 'the bot has no permission to post here',
  restricted_action: 'a workspace setting stops the bot from posting here',
  restricted_action_read_only_channel: 'the channel is read-only',
  restricted_action_non_threadable_channel: 'the channel does not allow threads',
  restricted_action_thread_only_channel: 'the channel allows only thread replies',
  ekm_access_denied: 'the workspace\'s key management denied access',
  team_access_not_granted: 'the app is not granted access to this workspace',
  access_denied: 'Slack denied access',
};

/** Slack's error string ("channel_not_found"), when the failure is an API answer. */
export function slackErrorCode(e: unknown): string | undefined {
  const err = e as SlackApiError;
  return err?.code === 'slack_webapi_platform_error' ? err.data?.error : undefined;
}

/** Seconds Slack asked us to wait, when the failure is a rate limit. */
export function retryAfterSeconds(e: unknown): number | undefined {
  const err = e as SlackApiError;
  return err?.code === 'slack_webapi_rate_limited_error' && typeof err.retryAfter === 'number' ? err.retryAfter : undefined;
}

export function isPermanentSlackError(e: unknown): boolean {
  const code = slackErrorCode(e);
  return code !== undefined && code in PERMANENT;
}

/** A failure as the scheduler's DeliveryError: permanent (pause), or retry (after Retry-After). */
export function toDeliveryError(e: unknown): DeliveryError {
  if (e instanceof DeliveryError) return e;
  const err = e as SlackApiError;
  const retryAfter = retryAfterSeconds(e);
  if (retryAfter !== undefined) return new DeliveryError(`Slack rate limit: retry after ${retryAfter} s`, false, retryAfter * 1000);
  const code = slackErrorCode(e);
  if (code !== undefined) {
    const explained = PERMANENT[code];
    if (explained) {
      const needed = code === 'missing_scope' && err.data?.needed ? ` (needs ${err.data.needed})` : '';
      return new DeliveryError(`${explained}${needed} [${code}]`, true);
    }
    return new DeliveryError(`Slack error: ${code}`, false);
  }
  if (err?.code === 'slack_webapi_http_error') return new DeliveryError(`Slack HTTP ${err.statusCode ?? 'error'}`, false);
  if (err?.code === 'slack_webapi_request_error') return new DeliveryError(`cannot reach Slack: ${err.message ?? 'request failed'}`, false);
  return new DeliveryError(`posting to Slack failed: ${err?.message ?? String(e)}`, false);
}
