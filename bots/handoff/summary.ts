/** A short, extractive summary of the bot part of a conversation for the agent who takes it over. */
export interface SummaryInput {
  reason?: string | null;
  transcript: { sender: string; text: string }[];
  captured: Record<string, unknown>;
  leadScore?: number | null;
  language?: string | null;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function summarizeConversation(input: SummaryInput): string {
  const lines: string[] = [];
  if (input.reason) lines.push(`Handoff: ${input.reason}`);
  const asked = input.transcript
    .filter((m) => m.sender === 'contact' && m.text && !m.text.startsWith('/start'))
    .slice(-3)
    .map((m) => `“${clip(m.text.replace(/\s+/g, ' ').trim(), 80)}”`);
  if (asked.length) lines.push(`Customer said: ${asked.join(' · ')}`);
  const fields = Object.entries(input.captured)
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && typeof v !== 'object')
    .slice(0, 8)
    .map(([k, v]) => `${k}: ${clip(String(v), 40)}`);
  if (fields.length) lines.push(`Captured: ${fields.join(', ')}`);
  const meta = [input.language ? `language ${input.language}` : '', input.leadScore ? `lead score ${input.leadScore}` : ''].filter(Boolean);
  if (meta.length) lines.push(meta.join(', '));
  const botTurns = input.transcript.filter((m) => m.sender === 'bot').length;
  lines.push(`${input.transcript.filter((m) => m.sender === 'contact').length} customer and ${botTurns} bot messages before the handoff`);
  return lines.join('\n');
}
