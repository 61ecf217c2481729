import { containsPii, iranianNationalCodeValid, luhnValid, maskPii, peselValid, PiiVault, restorePii } from '../../../flows/knowledge/index';

describe('PII masking', () => {
  test('emails, phones and cards become placeholders and come back', () => {
    const vault = new PiiVault();
    const text = 'My email is Jane.Doe@example.com, phone +48 601 234 567, card 4111 1111 1111 1111.';
    const masked = maskPii(text, vault, 'en');
    expect(masked).toBe('My email is [EMAIL_1], phone [PHONE_1], card [CARD_1].');
    expect(restorePii(masked, vault)).toBe(text);
  });

  test('an email spelled out to get past spam filters is masked too', () => {
    const vault = new PiiVault();
    const text = 'reach me at jane dot doe at example dot com';
    const masked = maskPii(text, vault, 'en');
    expect(masked).toBe('reach me at [EMAIL_1]');
    expect(restorePii(masked, vault)).toBe(text);
    // Not an address to the NLU in a free message, but masked: the prompt errs on the safe side.
    expect(maskPii('it is john at gmail.com', vault, 'en')).toBe('it is [EMAIL_2]');
  });

  test('the same value keeps its placeholder across texts of one turn', () => {
    const vault = new PiiVault();
    expect(maskPii('write to a@b.co', vault)).toBe('write to [EMAIL_1]');
    expect(maskPii('a@b.co or c@d.org', vault)).toBe('[EMAIL_1] or [EMAIL_2]');
    expect(vault.summary()).toEqual({ EMAIL: 2 });
  });

  test('national ids: PESEL and Iranian national code (with Persian digits), and long digit runs', () => {
    const vault = new PiiVault();
    expect(peselValid('44051401359')).toBe(true);
    expect(peselValid('44051401358')).toBe(false);
    expect(iranianNationalCodeValid('0499370899')).toBe(true);
    expect(iranianNationalCodeValid('1111111111')).toBe(false);
    expect(maskPii('PESEL 44051401359', vault, 'pl')).toBe('PESEL [ID_1]');
    expect(maskPii('کد ملی من ۰۴۹۹۳۷۰۸۹۹ است', vault, 'fa')).toBe('کد ملی من [ID_2] است');
    expect(restorePii('[ID_2]', vault)).toBe('۰۴۹۹۳۷۰۸۹۹');
    expect(maskPii('account 123456789012', vault)).toBe('account [ID_3]');
  });

  test('Iranian and Polish local phone numbers', () => {
    const vault = new PiiVault();
    expect(maskPii('شماره من ۰۹۱۲۱۲۳۴۵۶۷ است', vault, 'fa')).toBe('شماره من [PHONE_1] است');
    expect(maskPii('zadzwoń 601 234 567', vault, 'pl')).toBe('zadzwoń [PHONE_2]');
    expect(maskPii('call (555) 123-4567', vault, 'en')).toBe('call [PHONE_3]');
  });

  test('cards need a valid Luhn checksum; prices, dates and short numbers stay', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    const vault = new PiiVault();
    const text = 'Is shipping $4.90 on 12/05/2025 for 2 items, order 12345?';
    expect(maskPii(text, vault, 'en')).toBe(text);
    expect(containsPii('nothing here')).toBe(false);
  });

  test('unknown placeholders are left alone', () => {
    expect(restorePii('hi [EMAIL_9]', new PiiVault())).toBe('hi [EMAIL_9]');
  });
});
