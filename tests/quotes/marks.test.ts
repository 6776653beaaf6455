import { findQuotedSpans } from '../../src/core/quotes/marks';

const contents = (text: string) => findQuotedSpans(text).map((s) => text.slice(s.start, s.end));

describe('findQuotedSpans', () => {
  it('pairs straight and curly double marks', () => {
    expect(contents('He said: "We will stay." Then “we will see,” he added.')).toEqual(['We will stay.', 'we will see,']);
  });

  it('reads Arabic reversed, doubled and spaced marks', () => {
    expect(contents('ونوه كوبسي أنه :” تم إنجاز مهمتنا”.')).toEqual(['تم إنجاز مهمتنا']);
    expect(contents('وقال :””هناك جهود مشتركة”.')).toEqual(['هناك جهود مشتركة']);
    expect(contents('وقال ” أنجزنا المهام الموكلة إلينا”.')).toEqual(['أنجزنا المهام الموكلة إلينا']);
  });

  it('pairs guillemets, nested or not', () => {
    expect(contents('قال عبدي: «لن نسمح بعودة التنظيم» أبداً.')).toEqual(['لن نسمح بعودة التنظيم']);
  });

  it('keeps a quotation that opens with a closing-looking mark after a comma', () => {
    // A mark placed after the comma ("Forces," to defeat …") still opens the quotation.
    expect(contents('He affirmed the work of the Forces," to defeat ISIS everywhere."')).toEqual(['to defeat ISIS everywhere.']);
  });

  it('runs an unclosed quotation to the end of its paragraph', () => {
    expect(contents('He said "we are staying here\n\nNext paragraph.')).toEqual(['we are staying here']);
  });

  it('joins a quotation continued in the next paragraph (no closing mark in between)', () => {
    const text = '"The first paragraph of the statement.\n\n"The second paragraph," he said.';
    const spans = findQuotedSpans(text);
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0].start, spans[0].end)).toBe('The first paragraph of the statement.\n\n"The second paragraph,');
  });

  it('does not read apostrophes and possessives as quotation marks', () => {
    expect(contents("The fighters' resistance and the coalition’s role don't change.")).toEqual([]);
    expect(contents("He called it 'a decisive moment for Iraq' yesterday.")).toEqual(['a decisive moment for Iraq']);
  });

  it('offsets point into the original text', () => {
    const text = 'Intro. “Quoted words here,” she said.';
    const [s] = findQuotedSpans(text);
    expect(text.slice(s.start, s.end)).toBe('Quoted words here,');
    expect(text[s.open]).toBe('“');
    expect(text[s.close - 1]).toBe('”');
  });
});
