import { LineProbe, loadOutletRules, OutletRulesError, outletForUrl, parseOutletRules } from '../../src/core/articles/outletRules';

function errorOf(yamlText: string): string {
  try {
    parseOutletRules(yamlText, 'outlets.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(OutletRulesError);
    return (e as Error).message;
  }
  throw new Error('expected an OutletRulesError');
}

describe('config/outlets.yaml', () => {
  const rules = loadOutletRules();

  it('loads and covers the outlets on this beat', () => {
    const names = rules.outlets.map((o) => o.name);
    for (const name of [
      'Rudaw',
      'Kurdistan24',
      'Shafaq News',
      'Baghdad Post',
      'North Press Agency',
      'North Pulse Network',
      'Hawar News Agency',
      'Asharq Al-Awsat',
      'Al-Monitor',
      'The National',
      'Reuters',
      'Associated Press',
      'AFP',
      'Al Arabiya',
      'Enab Baladi',
      'Syrian Observatory for Human Rights',
      'U.S. Department of Defense',
      'U.S. Central Command',
      'CJTF-OIR',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('matches plain lines ignoring case, spacing and Arabic letter variants', () => {
    expect(rules.chrome.match(new LineProbe('OTHER   NEWS'))).toBe('Other news');
    expect(rules.chrome.match(new LineProbe('اقرا ايضا'))).toBeDefined();
    expect(rules.chrome.match(new LineProbe('Back to top button'))).toBe('Back to top button');
    expect(rules.chrome.match(new LineProbe('Tags: Iraq, Syria'))).toBe('/^tags?\\s*:/');
    expect(rules.chrome.match(new LineProbe('Other news about the coalition came on Monday.'))).toBeUndefined();
  });

  it('names outlets by banner, own chrome and web address', () => {
    expect(rules.matchOutletLine(new LineProbe('Iraq News - Local News - Baghdadpost'))).toMatchObject({ kind: 'banner', outlet: { name: 'Baghdad Post' } });
    expect(rules.matchOutletLine(new LineProbe('NORTH PULSE NETWORK NPN'))).toMatchObject({ kind: 'banner', outlet: { name: 'North Pulse Network' } });
    expect(rules.matchOutletLine(new LineProbe('Shafaq Live'))).toMatchObject({ kind: 'chrome', outlet: { name: 'Shafaq News' } });
    expect(rules.matchOutletLine(new LineProbe('The coalition said on Monday'))).toBeUndefined();
    expect(outletForUrl('https://www.rudaw.net/english/middleeast/iraq/24092019', rules)?.name).toBe('Rudaw');
    expect(outletForUrl('https://notrudaw.net/x', rules)).toBeUndefined();
    expect(outletForUrl('not a url', rules)).toBeUndefined();
  });
});

describe('parseOutletRules', () => {
  it('accepts a minimal file and applies a new outlet without code', () => {
    const rules = parseOutletRules(
      'outlets:\n  - name: Example Times\n    language: en\n    domains: [example-times.com]\n    banners: [EXAMPLE TIMES]\n    datelines: [\'/[A-Z]+ \\(ET\\) -/\']\n    chrome: [Example Live]\n',
    );
    const outlet = rules.outlets[0];
    expect(outlet).toMatchObject({ name: 'Example Times', language: 'en', domains: ['example-times.com'] });
    expect(outlet.banners.match(new LineProbe('Example Times'))).toBe('EXAMPLE TIMES');
    expect(outlet.datelines.match(new LineProbe('BAGHDAD (ET) - The coalition said'))).toBeDefined();
    expect(outlet.datelines.match(new LineProbe('The coalition said in BAGHDAD (ET) -'))).toBeUndefined();
    expect(rules.chrome.size).toBe(0);
  });

  it('keeps back-references working', () => {
    const rules = parseOutletRules("chrome: ['/^(\\w+) \\1$/', '/^A+$/']");
    expect(rules.chrome.match(new LineProbe('print print'))).toBe('/^(\\w+) \\1$/');
    expect(rules.chrome.match(new LineProbe('print share'))).toBeUndefined();
    expect(rules.chrome.match(new LineProbe('AAA'))).toBe('/^A+$/');
  });

  it('names the bad key in every error', () => {
    expect(errorOf('chrome: [a\n')).toMatch(/^outlets\.yaml: invalid YAML at line \d+/);
    expect(errorOf('chrom: []')).toBe('outlets.yaml: chrom: unknown key (expected one of chrome, storyEnds, outlets)');
    expect(errorOf('chrome: Other news')).toContain('outlets.yaml: chrome: expected a list of lines');
    expect(errorOf('chrome: [Other news, 42]')).toContain('chrome[1]: expected text, got 42');
    expect(errorOf("chrome: ['/(unclosed/']")).toContain('chrome[0]: invalid regular expression /(unclosed/');
    expect(errorOf('outlets: {name: X}')).toContain('outlets: expected a list of outlets');
    expect(errorOf('outlets:\n  - banners: [X]')).toContain('outlets[0].name: missing outlet name');
    expect(errorOf('outlets:\n  - name: X\n    language: fr')).toContain('outlets[0].language: unknown language "fr"');
    expect(errorOf('outlets:\n  - name: X\n    banner: [X]')).toContain('outlets[0].banner: unknown key');
    expect(errorOf('outlets:\n  - name: X\n    domains: ["http://x.com/"]')).toContain('outlets[0].domains[0]: bad domain');
    expect(errorOf('outlets:\n  - name: X\n  - name: x')).toContain('outlets[1].name: outlet "x" is already defined at outlets[0]');
    expect(errorOf('outlets:\n  - name: X\n    banners: [X, "  "]')).toContain('outlets[0].banners[1]: empty rule');
  });

  it('names the file it cannot read', () => {
    expect(() => loadOutletRules('/nonexistent/outlets.yaml')).toThrow(/\/nonexistent\/outlets\.yaml: cannot read outlet rules/);
  });
});
