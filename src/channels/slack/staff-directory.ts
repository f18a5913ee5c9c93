/**
 * Who is who on the Slack desk: staff (SLACK_STAFF_USER_IDS, or members of SLACK_STAFF_USERGROUP), admins
 * (SLACK_ADMIN_USER_IDS), and staff display names for thread notes and signed replies. User-group members
 * and names are cached; when Slack cannot be asked, the last known members are used, else nobody from the
 * group counts as staff (refusing is the safe failure).
 */
import type { webApi } from '@slack/bolt';
import type { Staff } from '../../cases/types.js';
import type { Logger } from '../../log.js';

export interface StaffDirectory {
  isStaff(userId: string): Promise<boolean>;
  isAdmin(userId: string): boolean;
  /** The person with their display name (their id when Slack does not say). */
  person(userId: string): Promise<Staff>;
}

export interface StaffDirectoryOptions {
  client: webApi.WebClient;
  staffUserIds: readonly string[];
  staffUsergroup?: string;
  adminUserIds: readonly string[];
  clock: () => Date;
  log: Logger;
  cacheMs?: number;
}

export function createStaffDirectory({
  client,
  staffUserIds,
  staffUsergroup,
  adminUserIds,
  clock,
  log,
  cacheMs = 5 * 60_000,
}: StaffDirectoryOptions): StaffDirectory {
  const staff = new Set(staffUserIds);
  const admins = new Set(adminUserIds);
  let group: { members: Set<string>; at: number } | undefined;
  const names = new Map<string, { name: string; at: number }>();
  const fresh = (at: number) => clock().getTime() - at < cacheMs;

  async function groupMembers(): Promise<Set<string>> {
    if (!staffUsergroup) return new Set();
    if (group && fresh(group.at)) return group.members;
    try {
      const result = await client.usergroups.users.list({ usergroup: staffUsergroup });
      group = { members: new Set(result.users ?? []), at: clock().getTime() };
    } catch (error) {
      log.warn('slack.usergroup_unavailable', { usergroup: staffUsergroup, error });
    }
    return group?.members ?? new Set();
  }

  return {
    async isStaff(userId) {
      return staff.has(userId) || (await groupMembers()).has(userId);
    },
    isAdmin: (userId) => admins.has(userId),
    async person(userId) {
      const cached = names.get(userId);
      if (cached && fresh(cached.at)) return { id: userId, name: cached.name };
      try {
        const { user } = await client.users.info({ user: userId });
        const name = user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || userId;
        names.set(userId, { name, at: clock().getTime() });
        return { id: userId, name };
      } catch (error) {
        log.warn('slack.user_unavailable', { userId, error });
        return { id: userId, name: cached?.name ?? userId };
      }
    },
  };
}
