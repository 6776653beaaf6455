/**
 * The local door, used by `npm start` when no platform token is set: one command per line,
 * answered as text; scheduled digests for the console channel print here too. A bad line gets
 * its error and the console keeps going; end of input ends the session.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Caller } from '../../commands/command';
import type { CommandRunner } from '../../commands/commandRunner';
import type { Reply } from '../../commands/reply';
import { renderReplyText } from '../../commands/renderText';
import type { PlatformAdapter, PostResult } from '../adapter';

export const CONSOLE_CHANNEL = 'console';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  runner: CommandRunner;
  interactive: boolean;
  /** Where quote-card PNGs are written (the console cannot show images). */
  cardDir: string;
}

export class ConsoleAdapter implements PlatformAdapter {
  readonly platform = 'console' as const;
  private posted = 0;
  private readonly caller: Caller = { platform: 'console', userId: 'local', channelId: CONSOLE_CHANNEL, isDirectMessage: false, canManageChannel: true };

  constructor(private readonly options: ConsoleOptions) {}

  private write(line: string): void {
    this.options.output.write(`${line}\n`);
  }

  private show(reply: Reply): void {
    if (reply.kind === 'card') {
      fs.mkdirSync(this.options.cardDir, { recursive: true });
      const file = path.join(this.options.cardDir, reply.fileName);
      fs.writeFileSync(file, reply.png);
      this.write(`${renderReplyText(reply)[0]}\nwritten to ${file}`);
      return;
    }
    for (const line of renderReplyText(reply)) this.write(line);
  }

  async start(): Promise<void> {
    /* reading starts with run() */
  }

  /** Reads commands until end of input. "dm TEXT" answers TEXT as a direct message would be. */
  async run(): Promise<void> {
    const { input, interactive, runner } = this.options;
    const rl = readline.createInterface({ input, terminal: false });
    if (interactive) {
      this.write('coalition-bot console. Type "/coalition quotes speaker:Kagens", "help", or "dm Caggins"; Ctrl-D to quit.');
      this.options.output.write('> ');
    }
    for await (const raw of rl) {
      const line = raw.trim();
      if (line && !line.startsWith('#')) {
        try {
          const dm = /^dm\s+(.*)$/i.exec(line);
          const reply = dm ? await runner.directMessage(dm[1], { ...this.caller, isDirectMessage: true, canManageChannel: false }) : await runner.runText(line, this.caller);
          this.show(reply);
        } catch (e) {
          this.write(`error: ${(e as Error).message}`);
        }
      }
      if (interactive) this.options.output.write('> ');
    }
  }

  async stop(): Promise<void> {
    /* nothing to close: the input's owner ends it */
  }

  async post(channelId: string, reply: Reply): Promise<PostResult> {
    this.write(`[scheduled post to #${channelId}]`);
    this.show(reply);
    return { messageRef: `console-${++this.posted}` };
  }
}
