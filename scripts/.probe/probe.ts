import fs from 'node:fs';
import { parse } from 'yaml';
import { draftDocuments } from '/work/main/bots/knowledge/ingest';
import { KnowledgeIndex, normalizeForIndex, type IndexedChunk } from '/work/main/flows/knowledge/index';
const chunks: IndexedChunk[] = [];
let id = 1;
for (const l of ['en', 'ar', 'fa', 'pl']) {
  const f = parse(fs.readFileSync(`/work/main/bots/demo/knowledge/${l}.yaml`, 'utf8'));
  for (const d of draftDocuments({ kind: 'faq', locale: l, items: f.faq })) for (const c of d.chunks) chunks.push({ id: id++, documentId: d.key!, locale: l, kind: 'faq', title: d.title, url: d.url, question: c.question, text: c.text, normalized: normalizeForIndex(`${c.question ?? ''} ${d.title} ${c.text}`) });
}
const index = KnowledgeIndex.build(chunks);
const qs: [string, string][] = JSON.parse(fs.readFileSync('/tmp/kq/q.json', 'utf8'));
for (const [l, q] of qs) {
  const hits = index.search(q, { locales: [l], limit: 2 });
  console.log(l, JSON.stringify(q), '→', hits.map((h) => `${h.chunk.documentId}:${h.confidence.toFixed(2)}`).join('  '));
}
