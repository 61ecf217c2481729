import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { draftDocuments } from '../../../bots/knowledge/ingest';
import { KnowledgeIndex, normalizeForIndex, type IndexedChunk } from '../../../flows/knowledge/index';

/** The demo shop's FAQ in all four languages as an in-memory index (no database). `documentId` is the FAQ key. */
export function demoIndex(): KnowledgeIndex {
  const chunks: IndexedChunk[] = [];
  let id = 1;
  for (const locale of ['en', 'ar', 'fa', 'pl']) {
    const file = parse(fs.readFileSync(path.join(__dirname, '../../../bots/demo/knowledge', `${locale}.yaml`), 'utf8'));
    for (const doc of draftDocuments({ kind: 'faq', locale, items: file.faq })) {
      for (const c of doc.chunks) {
        chunks.push({ id: id++, documentId: doc.key!, locale, kind: 'faq', title: doc.title, url: doc.url, question: c.question, text: c.text, normalized: normalizeForIndex(`${c.question ?? ''} ${doc.title} ${c.text}`) });
      }
    }
  }
  return KnowledgeIndex.build(chunks, 1);
}
