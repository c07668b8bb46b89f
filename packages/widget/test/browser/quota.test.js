import '../../dist/company-chat.js';
import { assert, cleanup, createChat, deep, settled, waitFor } from './helpers.js';

const left = (el) => {
  const text = deep(el, '[part="quota"]')?.textContent.trim() ?? '';
  const match = /^([\d,.\s\u00a0\u202f]+) tokens left today$/.exec(text);
  return match ? Number(match[1].replace(/\D/g, '')) : null;
};

describe('remaining quota', () => {
  afterEach(cleanup);

  it('shows the tokens left today and refreshes the line after each answer', async () => {
    const el = await createChat();
    await waitFor(() => left(el) === 1_000_000, 'full daily budget shown');
    assert(deep(el, '[part="quota"]').getAttribute('role') === null, 'not an alert');
    await el.send('Hello');
    await settled(el, 2);
    await waitFor(() => left(el) !== null && left(el) < 1_000_000, 'budget lowered after the answer');
  });
});
