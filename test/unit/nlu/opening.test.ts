import type { NluModel } from '../../../flows/nlu/index';
import { demoNlu } from './demo-model';

describe('a request after a greeting', () => {
  let model: NluModel;
  beforeAll(() => {
    model = demoNlu();
  });

  it.each([
    ['good morning, how much is the serum', 'price'],
    ['hej, szukam kremu do cery suchej', 'recommend'],
    ['سلام وقت بخیر، میخوام محصول رو پس بدم', 'returns'],
  ])('%s is the request (%s), not the greeting it opens with', (text, intent) => {
    expect(model.analyze(text).intent?.name).toBe(intent);
  });

  it.each([
    ['good morning', 'greeting'],
    ['hi, good morning!', 'greeting'],
    ['سلام، وقت بخیر', 'greeting'],
    ['thank you so much, that was helpful', 'thanks'],
  ])('%s stays %s', (text, intent) => {
    expect(model.analyze(text).intent?.name).toBe(intent);
  });
});
