import { fitMessage, looksLikeChoice, menuChoice, normalizeDigits, splitText } from '../../../channels/fallbacks';
import { telegramCapabilities } from '../../../channels/telegram/adapter';
import { whatsappCapabilities } from '../../../channels/whatsapp/adapter';
import { verifyVisitorToken, signVisitorToken } from '../../../channels/web/token';

describe('fallbacks', () => {
  const menu = [{ n: 1, title: 'Yes', payload: 'yes' }, { n: 2, title: 'No', payload: 'no' }];

  it('decodes number answers in Western, Persian and Arabic digits', () => {
    expect(menuChoice('2', menu)?.payload).toBe('no');
    expect(menuChoice(' (1) ', menu)?.payload).toBe('yes');
    expect(menuChoice('2.', menu)?.payload).toBe('no');
    expect(menuChoice('۲', menu)?.payload).toBe('no');
    expect(menuChoice('١', menu)?.payload).toBe('yes');
    expect(menuChoice('3', menu)).toBeUndefined();
    expect(menuChoice('2 apples', menu)).toBeUndefined();
    expect(normalizeDigits('۰۹۱۲')).toBe('0912');
    expect(looksLikeChoice('۲')).toBe(true);
    expect(looksLikeChoice('hello')).toBe(false);
  });

  it('turns payloads too large for Telegram callback_data into a numbered menu', () => {
    const fitted = fitMessage({ type: 'text', text: 'Pick', buttons: [{ type: 'postback', title: 'Long', payload: 'x'.repeat(65) }] }, telegramCapabilities);
    expect(fitted.menu).toEqual([{ n: 1, title: 'Long', payload: 'x'.repeat(65) }]);
    expect(fitted.messages).toEqual([{ type: 'text', text: 'Pick\n\n1. Long' }]);
  });

  it('keeps URL buttons as links in a numbered menu and shortens long titles', () => {
    const fitted = fitMessage({ type: 'text', text: 'Hi', buttons: [{ type: 'url', title: 'Shop', url: 'https://shop.example' }], quickReplies: [{ title: 'More', payload: 'more' }] }, whatsappCapabilities);
    expect(fitted.messages).toEqual([{ type: 'text', text: 'Hi\n\nShop: https://shop.example\n1. More' }]);
    const long = fitMessage({ type: 'text', text: 'Hi', buttons: [{ type: 'postback', title: 'T'.repeat(100), payload: 'p' }] }, telegramCapabilities);
    expect(long.messages[0].type === 'text' && long.messages[0].buttons?.[0].title.length).toBe(64);
  });

  it('turns cards into an image and text where cards are not supported', () => {
    const fitted = fitMessage({ type: 'card', title: 'Serum', subtitle: '45 USD', imageUrl: 'https://cdn/x.jpg', buttons: [{ type: 'postback', title: 'Buy', payload: 'buy' }] }, whatsappCapabilities);
    expect(fitted.messages).toEqual([{ type: 'media', mediaType: 'image', url: 'https://cdn/x.jpg' }, { type: 'text', text: 'Serum\n45 USD\n\n1. Buy' }]);
    expect(fitted.menu).toEqual([{ n: 1, title: 'Buy', payload: 'buy' }]);
  });

  it('splits text at paragraph, line and word boundaries', () => {
    expect(splitText('aaaa bbbb cccc', 9)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('para one.\n\npara two', 12)).toEqual(['para one.', 'para two']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(splitText('short', 10)).toEqual(['short']);
  });
});

describe('visitor tokens', () => {
  const secret = 's'.repeat(32);
  it('verify only when signed with our secret and unchanged', () => {
    const token = signVisitorToken({ botId: 'demo', visitorId: 'v_1' }, secret);
    expect(verifyVisitorToken(token, secret)).toEqual({ botId: 'demo', visitorId: 'v_1' });
    expect(verifyVisitorToken(token, 'x'.repeat(32))).toBeUndefined();
    const [v, , sig] = token.split('.');
    const forged = `${v}.${Buffer.from(JSON.stringify({ b: 'demo', v: 'v_2' })).toString('base64url')}.${sig}`;
    expect(verifyVisitorToken(forged, secret)).toBeUndefined();
    expect(verifyVisitorToken('garbage', secret)).toBeUndefined();
    expect(verifyVisitorToken(undefined, secret)).toBeUndefined();
  });
});
