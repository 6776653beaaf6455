import type { Language } from '../core/types';
import { describeCron, parseSchedule, validTimezone } from '../schedule/scheduleSpec';
import type { CommandSpec } from './command';
import { errorReply, type Reply } from './reply';
import { findSpeaker } from './views';

/** `/coalition subscribe`: scheduled digests for this channel. */
export const subscribeCommand: CommandSpec = {
  name: 'subscribe',
  description: 'Post a digest to this channel on a schedule (channel managers only).',
  access: 'channel-manager',
  options: [
    { name: 'schedule', kind: 'text', description: 'daily HH:MM, weekly DAY HH:MM, hourly, or a cron expression', required: true },
    { name: 'timezone', kind: 'text', description: 'IANA timezone, e.g. Asia/Baghdad (default from config)' },
    { name: 'language', kind: 'language', description: 'Digest language, en or ar', aliases: ['lang'] },
    { name: 'speaker', kind: 'speaker', description: 'Only stories quoting this speaker' },
    { name: 'keywords', kind: 'text', description: 'Only stories with these words', takesFreeWords: true },
    { name: 'quiet', kind: 'flag', description: 'Post an "all quiet" note when nothing new was reported' },
  ],
  examples: ['/coalition subscribe schedule:"daily 09:00" timezone:Asia/Baghdad', '/coalition subscribe schedule:"weekly mon 08:00" language:ar speaker:"Mazloum Abdi"'],
  async run(args, ctx): Promise<Reply> {
    const { services, caller } = ctx;
    const schedule = parseSchedule(String(args.schedule ?? ''));
    if (!schedule.ok) return errorReply(schedule.error);
    const timezone = args.timezone ? String(args.timezone) : services.defaultTimezone;
    if (!validTimezone(timezone)) return errorReply(`timezone: "${timezone}" is not an IANA timezone (e.g. UTC, Europe/London, Asia/Baghdad)`);
    let speakerId: string | null = null;
    let speakerName = '';
    if (args.speaker) {
      const found = findSpeaker(services.corpus(), String(args.speaker));
      if ('error' in found) return errorReply(found.error);
      speakerId = found.speaker.id;
      speakerName = found.speaker.name;
    }
    const sub = await services.store.addSubscription(
      {
        platform: caller.platform,
        channelId: caller.channelId,
        workspaceId: caller.workspaceId ?? null,
        createdBy: caller.userId,
        cron: schedule.cron,
        timezone,
        language: (args.language as Language | undefined) ?? 'en',
        speakerId,
        keywords: (args.keywords as string | undefined) ?? null,
        allQuiet: Boolean(args.quiet),
      },
      services.now(),
    );
    await services.schedules.changed();
    const next = services.schedules.nextRun(sub);
    return {
      kind: 'notice',
      title: `Subscribed: ${sub.id}`,
      lines: [
        `Digest ${describeCron(sub.cron)} (${sub.timezone}), in ${sub.language === 'ar' ? 'Arabic' : 'English'}${speakerName ? `, quoting ${speakerName}` : ''}${sub.keywords ? `, about “${sub.keywords}”` : ''}.`,
        next ? `Next: ${next.toISOString().replace(/:\d\d\.\d+Z$/, 'Z').replace('T', ' ')}` : 'Next: not scheduled',
        'The first digest covers what arrives from now on.',
        `Stop it with /coalition unsubscribe id:${sub.id}`,
      ],
    };
  },
};
