/** One entity found in a message; `start`/`end` are UTF-16 offsets into the original text. */
export interface Entity {
  type: 'email' | 'phone' | 'number' | 'money' | 'date';
  /** email: address; phone: E.164 string; number/money: number; date: ISO 8601 string. */
  value: unknown;
  text: string;
  start: number;
  end: number;
  /** Of a date: whether it names a day only (its value is noon of it) or a time of day too. */
  grain?: 'day' | 'time';
  /** Of a date that is a window ("tomorrow between 3 and 5 pm", "from Monday to Friday"): its end, ISO 8601. */
  until?: string;
  /** ISO 4217 code for money ('IRT' for the Iranian toman). */
  currency?: string;
}
