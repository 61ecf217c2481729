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
    expect(model.analyze('where is my order, thanks!').request).toBeUndefined();
  });

  it.each([
    ['good morning', 'greeting'],
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
