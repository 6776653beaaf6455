import { describeCron } from '../schedule/scheduleSpec';
import type { CommandSpec } from './command';
import type { Reply, ScheduleView } from './reply';

/** `/coalition schedules`: this channel's subscriptions, their next run and recent deliveries. */
export const schedulesCommand: CommandSpec = {
  name: 'schedules',
  description: 'This channel\'s scheduled digests: next run, recent deliveries and their outcome.',
  access: 'everyone',
  options: [],
  examples: ['/coalition schedules'],
  async run(_args, ctx): Promise<Reply> {
    const { services, caller } = ctx;
    const subs = await services.store.listSubscriptions({ platform: caller.platform, channelId: caller.channelId });
    const schedules: ScheduleView[] = [];
    for (const sub of subs) {
      const recent = await services.store.recentDeliveries(sub.id, 5);
      const filters = [sub.language === 'ar' ? 'Arabic' : 'English', sub.speakerId ? `speaker ${services.corpus().registry.get(sub.speakerId)?.name ?? sub.speakerId}` : '', sub.keywords ? `“${sub.keywords}”` : '', sub.allQuiet ? 'all-quiet notes' : '']
        .filter(Boolean)
        .join(', ');
      schedules.push({
        id: sub.id,
        channelId: sub.channelId,
        description: `${describeCron(sub.cron)} (${sub.timezone}); ${filters}`,
        status: sub.status,
        pausedReason: sub.pausedReason,
        nextRun: sub.status === 'active' ? services.schedules.nextRun(sub) : null,
        recent: recent.map((d) => ({ slot: d.slot, status: d.status, error: d.error })),
      });
    }
    return { kind: 'schedules', channelId: caller.channelId, schedules };
  },
};
