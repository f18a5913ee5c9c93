/**
 * Which union receives which application, from APPLICATION_ROUTES: a JSON list tried in order, the first
 * route whose conditions all hold wins; unset (or nothing matching), the federation's own queue. A route
 * may send the cards to a Slack channel of that union's staff.
 *
 * @example
 *   APPLICATION_ROUTES='[{"union":"深圳市快递行业工会联合会","services":["join_union"],"regions":["深圳"],"industries":["courier","rider"],"slackChannel":"C0SZCOURIER"}]'
 *   routeFor(parseRoutes(value), 'join_union', { region: '深圳市南山区', industry: 'courier' })
 *   // → { union: '深圳市快递行业工会联合会', slackChannel: 'C0SZCOURIER' }
 */
import { z } from 'zod';
import { ConfigError } from '../config.js';

const route = z
  .object({
    /** The union's name, as the worker and staff read it. */
    union: z.string().trim().min(1),
    /** Service ids (join_union, legal_aid, hardship, callback); absent = every service. */
    services: z.array(z.string()).min(1).optional(),
    /** Matched inside the worker's `region` answer ("深圳" matches "深圳市南山区"); absent = anywhere. */
    regions: z.array(z.string().trim().min(1)).min(1).optional(),
    /** Values of the `industry` answer (rider, courier, driver, domestic, factory, other); absent = any work. */
    industries: z.array(z.string()).min(1).optional(),
    /** The Slack channel its staff work in; absent = SLACK_CASES_CHANNEL. */
    slackChannel: z
      .string()
      .regex(/^[CG][A-Z0-9_]+$/, 'a Slack channel id such as C0123ABCD')
      .optional(),
  })
  .strict();

export type ApplicationRoute = z.infer<typeof route>;

export function parseRoutes(value: string | undefined, knownServices: readonly string[] = []): ApplicationRoute[] {
  if (!value?.trim()) return [];
  const fail = (reason: string) =>
    new ConfigError(
      `Invalid settings — fix these in your environment or .env file:\n  APPLICATION_ROUTES: ${reason} (a JSON list such as [{"union":"…","regions":["深圳"],"industries":["courier"]}])`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch (error) {
    throw fail(`not JSON: ${(error as Error).message}`);
  }
  const parsed = z.array(route).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw fail(`[${issue.path.join('.')}] ${issue.message}`);
  }
  for (const [i, r] of parsed.data.entries()) {
    const unknown = knownServices.length ? r.services?.find((s) => !knownServices.includes(s)) : undefined;
    if (unknown) throw fail(`[${i}.services] "${unknown}" is not a service (${knownServices.join(', ')})`);
  }
  return parsed.data;
}

export function routeFor(
  routes: readonly ApplicationRoute[],
  service: string,
  answers: Record<string, string>,
): ApplicationRoute | undefined {
  const region = answers['region'] ?? '';
  return routes.find(
    (r) =>
      (!r.services || r.services.includes(service)) &&
      (!r.regions || r.regions.some((x) => region.includes(x))) &&
      (!r.industries || r.industries.includes(answers['industry'] ?? '')),
  );
}
