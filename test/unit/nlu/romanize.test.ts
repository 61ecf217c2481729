import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNlu, trainNlu, type NluModel } from '../../../flows/nlu/index';
import { arabicScriptSkeleton, latinSkeleton } from '../../../flows/nlu/romanize';
import { demoExamples, demoNlu } from './demo-model';

describe('consonant skeletons', () => {
  it.each([
    ['سفارشم کجاست', 'fa', 'sefaresham kojast?'],
    ['قیمتش چنده', 'fa', 'gheymatesh chande'],
    ['خیلی ممنون', 'fa', 'kheyli mamnoon'],
    ['كم السعر', 'ar', 'kam el se3r'],
    ['مريض', 'ar', 'mareed'],
    ['مرحبا', 'ar', 'marhaba'],
  ])('%s (%s) and %s meet', (script, lang, latin) => {
    expect(latinSkeleton(latin)).toBe(arabicScriptSkeleton(script, lang));
  });

  it('reads Arabizi digits as the letters they stand for, and drops numbers', () => {
    expect(latinSkeleton('3ayez akalem 7ad')).toBe('z klm hd');
    expect(latinSkeleton('5alas')).toBe('xls');
    expect(latinSkeleton('order 2 creams')).toBe('rdr krms');
  });

  it('reads a word in Latin letters inside a phrase in Arabic script as a message in Latin letters', () => {
    expect(arabicScriptSkeleton('بطاقة Visa', 'ar')).toBe(latinSkeleton('bitaqa visa'));
  });

  it('leaves emails and web addresses out', () => {
    expect(latinSkeleton('anna@example.com')).toBe('');
    expect(latinSkeleton('see https://lumi.example/help or www.lumi.example')).toBe('s r');
  });

  it("joins Arabizi's article to its word, as the script writes it", () => {
    expect(latinSkeleton('ma7al el 3otoor')).toBe(arabicScriptSkeleton('محل العطور', 'ar'));
    expect(latinSkeleton('el')).toBe('l');
  });

  it('keeps digraphs whole, and a final h that is part of one', () => {
    expect(latinSkeleton('gheymatesh')).toBe('qmtc');
    expect(latinSkeleton('khoobi')).toBe('xb');
    expect(latinSkeleton('sobh')).toBe('sb');
  });
});

describe('messages typed in Latin letters (Finglish, Arabizi)', () => {
  let model: NluModel;
  beforeAll(() => {
    model = demoNlu();
  });

  it.each([
    ['sefaresham kojast?', 'order_status', 'fa'],
    ['gheymatesh chande?', 'price', 'fa'],
    ['mikham ba poshtibani sohbat konam', 'human', 'fa'],
    ['kheyli mamnoon', 'thanks', 'fa'],
    ['kam el se3r?', 'price', 'ar'],
    ['ureed erja3 montag', 'returns', 'ar'],
    ['shukran', 'thanks', 'ar'],
  ])('"%s" is %s, in %s', (text, intent, lang) => {
    const r = model.analyze(text);
    expect({ intent: r.intent?.name, language: r.language.code, script: r.language.script }).toEqual({ intent, language: lang, script: 'Latin' });
  });

  const lines = (file: string) => readFileSync(join(__dirname, 'samples', file), 'utf8').split('\n').filter(Boolean);

  it('reads most of 72 Finglish and Arabizi messages written for the demo (6 before), and leaves 70 English and Polish ones alone', () => {
    const read = lines('romanized-demo.tsv').map((line) => line.split('\t')).filter(([text, intent]) => (model.analyze(text).intent?.name ?? '-') === intent);
    expect(read.length).toBeGreaterThanOrEqual(60);
    for (const hint of [undefined, { fallbackLang: 'en' }]) {
      const taken = lines('latin-not-romanized.txt').filter((text) => /^(fa|ar)$/.test(model.analyze(text, hint).language.code));
      expect(taken).toEqual([]);
    }
  });

  it('is tried in a conversation in English too, but not when the caller names a language of Latin letters', () => {
    expect(model.analyze('sefaresham kojast?', { fallbackLang: 'en' })).toMatchObject({ intent: { name: 'order_status' }, language: { code: 'fa' } });
    expect(model.analyze('sefaresham kojast?', { lang: 'pl' }).intent).toBeNull();
    expect(model.analyze('sefaresham kojast?', { fallbackLang: 'fa' }).intent?.name).toBe('order_status');
    expect(model.analyze('sefaresham kojast?', { lang: 'fa' }).intent?.name).toBe('order_status');
    // In an Arabic conversation, Persian's model is not asked.
    expect(model.analyze('kheyli mamnoon', { fallbackLang: 'ar' }).language.code).not.toBe('fa');
  });

  it('is kept when the model is saved and loaded, and a bot without Persian or Arabic phrases has none', () => {
    const loaded = loadNlu(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.analyze('kam el se3r?')).toMatchObject({ intent: { name: 'price' }, language: { code: 'ar' } });
    const english = trainNlu(demoExamples().filter((e) => e.lang === 'en'));
    expect(english.toJSON().romanized).toBeUndefined();
    expect(english.analyze('sefaresham kojast?').intent).toBeNull();
  });
});
