/** The adapter's small parts: page tokens, nonces, error classification. */
import { DeliveryError } from '../../../src/platforms/adapter';
import { IMMEDIATE, nonceFor, PageCache, toDeliveryError } from '../../../src/platforms/discord/discordAdapter';
import { COMMANDS } from '../../../src/commands/commandSet';

describe('PageCache', () => {
  test('short tokens; the least recently used go first', () => {
    const pages = new PageCache(2);
    const a = pages.put({ command: 'quotes', args: { page: 1 } });
    const b = pages.put({ command: 'quotes', args: { page: 2 } });
    expect(a).not.toBe(b);
    expect(`coalition:page:${a}`.length).toBeLessThanOrEqual(100);
    expect(pages.get(a)).toEqual({ command: 'quotes', args: { page: 1 } }); // a is now the most recent
    const c = pages.put({ command: 'quotes', args: { page: 3 } });
    expect(pages.size).toBe(2);
    expect(pages.get(b)).toBeUndefined();
    expect(pages.get(a)).toBeDefined();
    expect(pages.get(c)).toBeDefined();
  });

  test("another run's tokens never match", () => {
    const first = new PageCache();
    const second = new PageCache();
    const token = first.put({ command: 'quotes', args: {} });
    second.put({ command: 'quotes', args: {} });
    expect(second.get(token)).toBeUndefined();
  });
});

test('nonces: at most 25 characters, the same for the same delivery and part, different otherwise', () => {
  const n = nonceFor('s12@1606813200000', 0);
  expect(n.length).toBeLessThanOrEqual(25);
  expect(nonceFor('s12@1606813200000', 0)).toBe(n);
  expect(nonceFor('s12@1606813200000', 1)).not.toBe(n);
  expect(nonceFor('s12@1606816800000', 0)).not.toBe(n);
});

test('a network failure is a transient DeliveryError', () => {
  const e = toDeliveryError(Object.assign(new Error('connect ECONNREFUSED 162.159.128.233:443'), { code: 'ECONNREFUSED' }), '1');
  expect(e).toBeInstanceOf(DeliveryError);
  expect(e.permanent).toBe(false);
  expect(e.message).toMatch(/^cannot reach Discord: connect ECONNREFUSED/);
});

test('only existing commands are answered without deferring', () => {
  for (const name of IMMEDIATE) expect(COMMANDS.map((c) => c.name)).toContain(name);
  for (const slow of ['digest', 'card', 'subscribe', 'unsubscribe', 'resume', 'schedules']) expect(IMMEDIATE.has(slow)).toBe(false);
});
