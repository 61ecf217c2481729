import type { NluModel } from '../../../flows/nlu/index';
import { demoNlu } from './demo-model';

describe('a request with a greeting or thanks around it', () => {
  let model: NluModel;
  beforeAll(() => {
    model = demoNlu();
  });

  it.each([
    ['good morning, how much is the serum', 'price'],
    ['hej, szukam kremu do cery suchej', 'recommend'],
    ['سلام وقت بخیر، میخوام محصول رو پس بدم', 'returns'],
    ['do you ship to canada? thank you so much', 'shipping'],
  ])('%s is the request (%s), not the pleasantry around it', (text, intent) => {
    expect(model.analyze(text).intent?.name).toBe(intent);
  });

  it('gives the request as written, for knowledge to be searched for', () => {
    expect(model.analyze('good morning, how much is the serum?').request).toBe('how much is the serum?');
    expect(model.analyze('do you ship to canada? thank you so much').request).toBe('do you ship to canada?');
    expect(model.analyze('سلام وقت بخیر، میخوام محصول رو پس بدم').request).toBe('میخوام محصول رو پس بدم');
    expect(model.analyze('where is my order, thanks!').request).toBe('where is my order');
    expect(model.analyze('hi... what is the price?').request).toBe('what is the price?');
    expect(model.analyze('where is my order').request).toBeUndefined();
  });

  it.each([
    // Without a comma after the greeting: these were greetings, or the request at 0.50 to 0.69.
    ['hello how do i pay', 'shop_info', 'how do i pay'],
    ['مرحبا هل المنتج نباتي', 'product_question', 'هل المنتج نباتي'],
    ['مرحبا كم سعر الكريم', 'price', 'كم سعر الكريم'],
    ['صباح الخير بدي الغي الطلب', 'cancel_order', 'بدي الغي الطلب'],
    ['سلام وقت بخیر هزینه ارسال چنده', 'shipping', 'هزینه ارسال چنده'],
  ])('%s is surely the request (%s) past the greeting that opens it', (text, intent, request) => {
    const result = model.analyze(text);
    expect(result.intent).toMatchObject({ name: intent, confidence: expect.any(Number) });
    expect(result.intent!.confidence).toBeGreaterThanOrEqual(0.7);
    expect(result.request).toBe(request);
  });

  it.each([
    ['good morning', 'greeting'],
    ['hi thanks', 'thanks'],
    ['good morning to you', 'greeting'],
    ['hi, good morning!', 'greeting'],
    ['سلام، وقت بخیر', 'greeting'],
    ['thank you so much, that was helpful', 'thanks'],
    // A request gives way to nothing: its clause is not a pleasantry, however sure the rest is of one.
    ['where is my order, thanks!', 'order_status'],
    ['hi, thanks for your help earlier, where is my order?', 'order_status'],
  ])('%s stays %s', (text, intent) => {
    expect(model.analyze(text).intent?.name).toBe(intent);
  });
});
