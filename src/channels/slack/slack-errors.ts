/**
 * Translates Slack Web API failures into the outbox's `DeliveryError`, so the one retry policy decides:
 * 429 → retry after Slack's Retry-After; 5xx and network failures → retry with backoff; a platform error
 * that will not heal by waiting (`channel_not_found`, `invalid_auth`, `not_in_channel`…) → give up at once.
 * The WebClient's own retries are off (`retryConfig: { retries: 0 }`): the outbox owns retry.
 */
import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../outbox/delivery-error.js';

/** Platform errors worth retrying: Slack said so itself, or they are about load, not about the request. */
const transientPlatformErrors = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

export function toDeliveryError(error: unknown, what: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case webApi.ErrorCode.RateLimitedError: {
      const seconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
      return new DeliveryError(`Slack rate-limited ${what} (retry after ${seconds}s)`, {
        retryable: true,
        retryAfterMs: seconds * 1000,
        cause: error,
      });
    }
    case webApi.ErrorCode.HTTPError: {
      const status = (error as webApi.WebAPIHTTPError).statusCode;
      return new DeliveryError(`Slack answered HTTP ${status} to ${what}`, { retryable: status >= 500 || status === 408, cause: error });
    }
    case webApi.ErrorCode.PlatformError: {
      const reason = (error as webApi.WebAPIPlatformError).data?.error ?? 'unknown';
      const hint =
        reason === 'not_in_channel' || reason === 'channel_not_found'
          ? ': invite the bot to SLACK_CASES_CHANNEL and check the channel id'
          : reason === 'invalid_auth' || reason === 'token_revoked' || reason === 'not_authed'
            ? ': check SLACK_BOT_TOKEN'
            : '';
      return new DeliveryError(`Slack refused ${what}: ${reason}${hint}`, { retryable: transientPlatformErrors.has(reason), cause: error });
    }
    default:
      // Network failures (WebAPIRequestError) and anything unexpected: retry; losing a post is worse.
      return new DeliveryError(`Slack could not be reached for ${what}`, { retryable: true, cause: error });
  }
}

/** Slack's own error code (`channel_not_found`…) of a failed call, when Slack gave one. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error instanceof DeliveryError ? error.cause : error;
  return (e as { code?: string }).code === webApi.ErrorCode.PlatformError ? (e as webApi.WebAPIPlatformError).data?.error : undefined;
}

/** Runs a Web API call and rethrows its failure as a DeliveryError. */
export async function slackCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDeliveryError(error, what);
  }
}
