import { oneEditApart, SpellingIndex, unstretched } from '../../../flows/nlu/spelling.js';

describe('oneEditApart', () => {
  it('is true for one deletion, insertion, substitution or swap of neighbours, in any script', () => {
    for (const [a, b] of [['ordr', 'order'], ['order', 'ordr'], ['refnud', 'refund'], ['delivri', 'deliveri'], ['shop', 'shap'], ['بطاقه', 'بطاقت'], ['zamowenie', 'zamowienie']]) expect({ a, b, near: oneEditApart(a, b) }).toEqual({ a, b, near: true });
  });

  it('is false for the same word, two edits, or a swap of letters that are not neighbours', () => {
    for (const [a, b] of [['order', 'order'], ['ordr', 'ordeer'], ['refund', 'rfeudn'], ['abcd', 'dbca'], ['cart', 'card s']]) expect({ a, b, near: oneEditApart(a, b) }).toEqual({ a, b, near: false });
  });
});

describe('SpellingIndex', () => {
  const index = new SpellingIndex(new Map(Object.entries({ order: 1, older: 5, ship: 2, shop: 3, deliveri: 4, refund: 4 })));

  it('finds the known stem one edit away', () => {
    expect(['ordr', 'oder', 'refnud', 'delivri', 'shipp'].map((w) => index.nearest(w))).toEqual(['order', 'order', 'refund', 'deliveri', 'ship']);
  });

  it('takes the lowest-ranked (most common) stem when several are one edit away', () => {
    expect(index.nearest('orde')).toBe('order');
    // "shup" is one edit from both; "ship" ranks first.
    expect(index.nearest('shup')).toBe('ship');
  });

  it('never changes the first letter, a short word, or a word with digits', () => {
    expect(index.nearest('worder')).toBeUndefined();
    expect(index.nearest('zhip')).toBeUndefined();
    expect(index.nearest('shp')).toBeUndefined();
    expect(index.nearest('order2')).toBeUndefined();
    expect(new SpellingIndex(new Map()).nearest('order')).toBeUndefined();
  });
});

describe('unstretched', () => {
  it('writes letters said three times or more twice, then once, in any script', () => {
    expect(unstretched('sloooowly')).toEqual(['sloowly', 'slowly']);
    expect(unstretched('hiiii')).toEqual(['hii', 'hi']);
    expect(unstretched('سلاااام')).toEqual(['سلاام', 'سلام']);
    expect(unstretched('goooood')).toEqual(['good', 'god']);
  });

  it('leaves words with no letter said three times alone', () => {
    expect(unstretched('good')).toEqual([]);
    expect(unstretched('100000')).toEqual([]);
    expect(unstretched('')).toEqual([]);
  });
});
