/**
 * Chat-style command text ("/coalition quotes speaker:Kagens since:2020-01 sheep") as the
 * arguments of the same command-line program, so every door answers with one set of commands.
 */

/** Splits on spaces, keeping "quoted values" (straight or curly) together. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  const re = /(\S*?)(?:"([^"]*)"|“([^”]*)”|«([^»]*)»)|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[5] !== undefined) out.push(m[5]);
    else out.push((m[1] ?? '') + (m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** Subcommands whose free words are a positional argument rather than search words. */
const POSITIONAL = new Set(['speakers', 'speaker', 'help', 'extract', 'ingest', 'eval']);

/**
 * "/coalition quotes speaker:Kagens limit:3 financial networks" →
 * ["quotes", "--speaker", "Kagens", "--limit", "3", "--search", "financial networks"].
 * Plain command-line text ("quotes --speaker Kagens") passes through unchanged.
 */
export function commandLineToArgv(line: string): string[] {
  let words = splitWords(line.trim());
  if (words[0] === '/coalition' || words[0] === 'coalition') words = words.slice(1);
  if (words.length === 0) return ['--help'];
  const [sub, ...rest] = words;
  const argv = [sub.replace(/^\//, '')];
  const free: string[] = [];
  for (const w of rest) {
    const kv = w.match(/^([a-z][a-z-]*):(.*)$/i);
    if (kv && !w.startsWith('http')) {
      argv.push(`--${kv[1].toLowerCase()}`);
      if (kv[2] !== '') argv.push(kv[2]);
    } else if (w.startsWith('--')) argv.push(w);
    else free.push(w);
  }
  if (free.length) {
    if (POSITIONAL.has(argv[0]) || rest.some((w) => w.startsWith('--'))) argv.push(...free);
    else argv.push('--search', free.join(' '));
  }
  return argv;
}
