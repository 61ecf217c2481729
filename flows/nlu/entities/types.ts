/** One entity found in a message; `start`/`end` are UTF-16 offsets into the original text. */
export interface Entity {
  type: 'email' | 'phone' | 'number' | 'money' | 'date';
  /** email: address; phone: E.164 string; number/money: number; date: ISO 8601 string. */
  value: unknown;
  text: string;
  start: number;
  end: number;
  /** ISO 4217 code for money ('IRT' for the Iranian toman). */
  currency?: string;
}
