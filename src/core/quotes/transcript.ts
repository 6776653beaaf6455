/**
 * Briefing transcripts (defense.gov, CENTCOM, ministries) mark speech with a speaker label
 * instead of quote marks: "GEN. RYDER: We're not going to …", "Q: Thanks, General. …". Each
 * turn runs until the next label, across paragraphs.
 */

export interface TranscriptTurn {
  /** The label as written ("MAJOR GENERAL PAT RYDER", "Q"). */
  label: string;
  labelStart: number;
  /** The words of the turn, trimmed. */
  start: number;
  end: number;
}

const LABEL = /^[ \t]*(Q|[A-Z][A-Z.'’\- ]{1,60}[A-Z.]|(?:MR|MS|MRS|DR)\.? [A-Z][A-Za-z'’-]+)[ \t]*:[ \t]+(?=\S)/;

/** Labelled turns, or nothing when the text is not a transcript (fewer than two labels). */
export function findTranscriptTurns(text: string): TranscriptTurn[] {
  const labels: Array<{ label: string; labelStart: number; start: number }> = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(pos, lineEnd);
    const m = LABEL.exec(line);
    // An all-capitals label of a few words; a headline such as "CJTF-OIR Spox: …" has lower case.
    if (m && (m[1] === 'Q' || (m[1] === m[1].toUpperCase() && m[1].split(/\s+/).length <= 6))) {
      labels.push({ label: m[1].trim(), labelStart: pos + line.indexOf(m[1]), start: pos + m[0].length });
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (labels.length < 2 || !labels.some((l) => l.label !== 'Q')) return [];
  return labels.map((l, i) => {
    let end = i + 1 < labels.length ? labels[i + 1].labelStart : text.length;
    // A turn ends at a run of blank (or blanked-out clutter) lines before the page's trailer.
    const body = text.slice(l.start, end);
    const gap = body.search(/\n[ \t]*\n[ \t]*\n[ \t]*\n/);
    if (gap >= 0 && i + 1 === labels.length) end = l.start + gap;
    while (end > l.start && /\s/.test(text[end - 1])) end--;
    return { label: l.label, labelStart: l.labelStart, start: l.start, end };
  });
}

/** "MAJOR GENERAL PAT RYDER" → "Major General Pat Ryder": names read better, and match, in mixed case. */
export function labelName(label: string): string {
  return label
    .toLowerCase()
    .replace(/(^|[\s.'’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** A reporter naming themselves at the start of a question: "Thanks, General. Marisa Quinlan, Defense Watch." */
export function questionerName(question: string): string | null {
  const m = question.match(/^(?:[^.?!]{0,40}[.!]\s+)?((?:\p{Lu}[\p{L}'’-]+\s){1,2}\p{Lu}[\p{L}'’-]+),\s+[\p{Lu}][^.?!]{1,60}[.?!]/u);
  return m ? m[1] : null;
}
