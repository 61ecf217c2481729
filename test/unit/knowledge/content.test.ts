import { chunkFaq, chunkPage, htmlToText, markdownToText } from '../../../flows/knowledge/index';
import { CircuitBreaker } from '../../../bots/knowledge/circuit-breaker';
import { draftDocuments } from '../../../bots/knowledge/ingest';

describe('content to text', () => {
  test('HTML: scripts, styles, comments and attributes go; headings, lists and entities stay readable', () => {
    const html = `<html><head><title>x</title><style>p{color:red}</style></head><body>
      <h1 class="t">Shipping &amp; returns</h1><!-- hidden -->
      <p onclick="alert(1)">We ship in <b>2&ndash;4</b>&nbsp;days.</p><script>alert('x')</script>
      <ul><li>EU</li><li>UK</li></ul><p>Free over &#36;50 &lt;3</p></body></html>`;
    expect(htmlToText(html)).toBe('# Shipping & returns\n\nWe ship in 2–4 days.\n\n- EU\n\n- UK\n\nFree over $50 <3');
  });

  test('Markdown: headings kept, links keep their URL, emphasis and images dropped', () => {
    expect(markdownToText('## Returns\n\nSee **our** [policy](https://x.example/r) ![logo](l.png)\n\n* one\n* _two_')).toBe(
      '## Returns\n\nSee our policy (https://x.example/r) logo\n\n- one\n- two',
    );
  });
});

describe('chunking', () => {
  test('an FAQ pair is one chunk with its question', () => {
    expect(chunkFaq(' How? ', 'Like **this**.')).toEqual([{ ordinal: 0, question: 'How?', text: 'Like this.' }]);
  });

  test('pages split by section and size, each passage starting with its heading', () => {
    const para = (n: number) => `Paragraph ${n} ` + 'lorem ipsum dolor sit amet '.repeat(8);
    const md = `# Shipping\n\n${para(1)}\n\n${para(2)}\n\n${para(3)}\n\n# Returns\n\n${para(4)}`;
    const chunks = chunkPage(md, 'markdown', { maxChars: 500, overlap: 50 });
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks.every((c) => c.text.length <= 560)).toBe(true);
    expect(chunks.filter((c) => c.text.startsWith('Shipping\n')).length).toBeGreaterThanOrEqual(2);
    expect(chunks[chunks.length - 1].text.startsWith('Returns\n')).toBe(true);
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_c, i) => i));
    expect(chunks.map((c) => c.text).join(' ')).toContain('Paragraph 3');
  });

  test('long Arabic text without paragraphs is split at sentence ends', () => {
    const text = Array.from({ length: 40 }, (_v, i) => `نشحن الطلبات خلال ${i + 1} أيام عمل إلى جميع المدن. `).join('');
    const chunks = chunkPage(text, 'text', { maxChars: 300, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.text.endsWith('.'))).toBe(true);
  });

  test('ingestion input: FAQ items become one document each; HTML is detected', () => {
    const docs = draftDocuments({ kind: 'faq', locale: 'en', items: [{ question: 'Q1?', answer: 'A1', also: ['Q1 again?'] }, { question: 'Q2?', answer: 'A2' }] });
    expect(docs.map((d) => d.title)).toEqual(['Q1?', 'Q2?']);
    expect(docs[0].chunks[0].question).toBe('Q1?\nQ1 again?');
    const page = draftDocuments({ kind: 'page', locale: 'en', title: 'P', content: '<p>Hello <i>there</i></p>' });
    expect(page[0].format).toBe('html');
    expect(page[0].chunks[0].text).toBe('Hello there');
  });
});

describe('circuit breaker', () => {
  test('opens after N failures, lets one trial through after the cooldown', () => {
    let now = 0;
    const breaker = new CircuitBreaker({ threshold: 2, cooldownMs: 1000, now: () => now });
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
    breaker.failure();
    expect(breaker.allow()).toBe(false);
    now = 2000;
    expect(breaker.allow()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
  });
});
