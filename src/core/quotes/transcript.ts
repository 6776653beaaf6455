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

export interface InterviewAnswer {
  start: number;
  end: number;
}

const QUESTION_MARK = /^[ \t]*(?:[*•▪■●◆-]|–|—|س\s*[:：/]|سؤال\s*[:：]|Q\s*[:.])\s*/;

/**
 * Printed interviews without speaker labels: questions set off by a marker ("* …؟", "س: …",
 * "Q. …") and ending in a question mark, each followed by the answer's paragraphs. Returns the
 * answer paragraphs, or nothing when the text has fewer than two such questions.
 */
export function findInterviewAnswers(text: string): InterviewAnswer[] {
  const paras: Array<{ start: number; end: number; question: boolean }> = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const line = m[0];
    if (!line.trim()) continue;
    const trimmed = line.trimEnd();
    const question = QUESTION_MARK.test(line) && /[?؟]["”»]?$/.test(trimmed);
    paras.push({ start: m.index, end: m.index + trimmed.length, question });
  }
  if (paras.filter((p) => p.question).length < 2) return [];
  const answers: InterviewAnswer[] = [];
  let inAnswer = false;
  for (const p of paras) {
    if (p.question) {
      inAnswer = true;
      continue;
    }
    if (!inAnswer) continue;
    const body = text.slice(p.start, p.end);
    // Short lines after the last answer are the page's trailer (tags, related links).
    if (body.trim().split(/\s+/).length < 5) {
      inAnswer = false;
      continue;
    }
    const lead = body.match(/^\s*(?:ج\s*[:：/]|جواب\s*[:：]|A\s*[:.])?\s*/)![0].length;
    answers.push({ start: p.start + lead, end: p.end });
  }
  return answers;
}

export interface LabelledDialogue {
  /** The interviewee's label as written ("Ahmed", "جبار ياور"). */
  interviewee: string;
  intervieweeStart: number;
  /** Answer paragraphs (a labelled answer and the paragraphs that continue it). */
  answers: InterviewAnswer[];
  /** The interviewer's turns: not quotations of anyone the article reports. */
  questions: InterviewAnswer[];
}

/** "Al-Monitor:  …", "جبار ياور: …": a short label of words (any script, any case) and a colon. */
const DIALOGUE_LABEL = /^[ \t]*([\p{L}][\p{L}\p{M}.'’\- ]{0,38}[\p{L}.])[ \t]*[:：][ \t]+(?=\S)/u;

/**
 * Printed interviews whose turns are labelled in ordinary case or in Arabic ("Al-Monitor: …" /
 * "Ahmed: …", "رووداو: …" / "جبار ياور: …"): two labels that take turns at least twice each, the
 * one whose turns end in question marks being the interviewer. A turn runs on over unlabelled
 * paragraphs until the next label, a pull quote or the page's trailer. Null when there is none.
 */
export function findLabelledDialogue(text: string): LabelledDialogue | null {
  // Most articles are no interview: four labelled lines at least, or nothing to look at.
  let labelled = 0;
  for (const m of text.matchAll(/^[ \t]*[^\n:：]{1,40}[:：][ \t]+\S/gmu)) if (m && ++labelled >= 4) break;
  if (labelled < 4) return null;
  const paras: Array<{ start: number; end: number; label: string | null; labelStart: number; bodyStart: number }> = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const line = m[0].trimEnd();
    if (!line.trim()) continue;
    const l = DIALOGUE_LABEL.exec(line);
    const label = l && l[1].trim().split(/\s+/).length <= 4 ? l[1].trim() : null;
    paras.push({ start: m.index, end: m.index + line.length, label, labelStart: l ? m.index + line.indexOf(l[1]) : m.index, bodyStart: l ? m.index + l[0].length : m.index });
  }
  const counts = new Map<string, number>();
  for (const p of paras) if (p.label) counts.set(p.label, (counts.get(p.label) ?? 0) + 1);
  const top = [...counts].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([label]) => label);
  if (top.length < 2) return null;
  const turns = paras.filter((p) => p.label === top[0] || p.label === top[1]);
  let switches = 0;
  for (let i = 1; i < turns.length; i++) if (turns[i].label !== turns[i - 1].label) switches++;
  if (switches < 3) return null;
  const asks = (label: string) => turns.filter((t) => t.label === label && /[?؟]["”»]?$/.test(text.slice(t.start, t.end))).length / (counts.get(label) ?? 1);
  const [interviewer, interviewee] = asks(top[0]) >= asks(top[1]) ? top : [top[1], top[0]];
  if (asks(interviewer) < 0.5) return null;
  const answers: InterviewAnswer[] = [];
  const questions: InterviewAnswer[] = [];
  let speaker: string | null = null;
  let intervieweeStart = -1;
  for (const p of paras) {
    if (p.label === interviewer || p.label === interviewee) {
      speaker = p.label;
      if (p.label === interviewee && intervieweeStart < 0) intervieweeStart = p.labelStart;
      (p.label === interviewee ? answers : questions).push({ start: p.bodyStart, end: p.end });
      continue;
    }
    if (speaker !== interviewee) continue;
    const body = text.slice(p.start, p.end).trim();
    // A pull quote ("“…” — Ilham Ahmed"), a label of another kind, the page's trailer, or the
    // article's own voice again (the interviewee in the third person, "يُذكر أن …") ends the answer.
    const narrative = new RegExp(`(^|[\\s,،])${interviewee.split(/\s+/).pop()!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s,،.]|$)`, 'u').test(body) || /^(?:و?يُ?ذكر|وكان|Editor['’]s note)/u.test(body);
    if (p.label || narrative || /^["“«‘]/.test(body) || body.split(/\s+/).length < 5 || /\n[ \t]*\n[ \t]*\n/.test(text.slice(answers[answers.length - 1]?.end ?? p.start, p.start))) {
      speaker = null;
      continue;
    }
    answers.push({ start: p.start + (text.slice(p.start, p.end).length - text.slice(p.start, p.end).trimStart().length), end: p.end });
  }
  return { interviewee, intervieweeStart, answers, questions };
}
