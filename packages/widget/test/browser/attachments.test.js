import '../../dist/company-chat.js';
import { assert, cleanup, createChat, deep, equal, serverRequests, spyOnFetch, waitFor } from './helpers.js';

function composer(el) {
  return deep(el, 'cc-composer');
}
function chips(el) {
  return [...composer(el).shadowRoot.querySelectorAll('[part="attachment"]')];
}
function transfer(...files) {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}
const text = (name, body = 'Parental leave is 16 weeks.\n\nAsk HR.') => new File([body], name, { type: 'text/plain' });

describe('attachments', () => {
  afterEach(cleanup);

  it('attaches by the button (file input) and uploads to the server', async () => {
    const el = await createChat();
    const button = await waitFor(
      () => deep(el, 'cc-composer', '[part="attach-button"]'),
      'attach button (server supports files)',
    );
    assert(button.getAttribute('aria-label') === 'Attach files', 'labelled');
    const input = composer(el).shadowRoot.querySelector('input[type="file"]');
    input.files = transfer(text('handbook.txt')).files;
    input.dispatchEvent(new Event('change'));
    await waitFor(() => chips(el)[0]?.textContent.includes('ready'), 'uploaded');
    equal(chips(el)[0].querySelector('.name').textContent, 'handbook.txt', 'chip name');
    assert((await serverRequests()).includes('POST /api/v1/files'), 'upload request');
  });

  it('accepts dropped and pasted files', async () => {
    const el = await createChat();
    await waitFor(() => deep(el, 'cc-composer', '[part="attach-button"]'), 'attach button');
    const form = composer(el).shadowRoot.querySelector('form');
    form.dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer(text('dropped.md')), bubbles: true, cancelable: true }),
    );
    const area = composer(el).shadowRoot.querySelector('textarea');
    area.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: transfer(text('pasted.txt')), bubbles: true, cancelable: true }),
    );
    await waitFor(
      () => chips(el).length === 2 && chips(el).every((c) => c.textContent.includes('ready')),
      'both uploaded',
    );
  });

  it('refuses wrong types and oversized files before any upload', async () => {
    const el = await createChat({ 'max-file-size': '100' });
    await waitFor(() => deep(el, 'cc-composer', '[part="attach-button"]'), 'attach button');
    // Every request the widget makes, counted where it is made: a refused file must not start an upload.
    const requested = spyOnFetch();
    try {
      composer(el).attachFiles([
        new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }),
        text('big.txt', 'x'.repeat(101)),
      ]);
      await el.updateComplete;
      await composer(el).updateComplete;
    } finally {
      requested.restore();
    }
    const shown = chips(el).map((c) => c.textContent.replace(/\s+/g, ' ').trim());
    assert(shown[0].includes('tool.exe: this type of file is not accepted.'), shown[0]);
    assert(shown[1].includes('big.txt is larger than 100 B.'), shown[1]);
    equal(requested.urls.filter((url) => url.includes('/api/v1/files')).length, 0, 'no upload request');
    // Removing a chip.
    chips(el)[0].querySelector('button').click();
    await composer(el).updateComplete;
    await el.updateComplete;
    await waitFor(() => chips(el).length === 1, 'removed');
  });

  it('attachments="off" hides the attach button', async () => {
    const el = await createChat({ attachments: 'off' });
    await el.updateComplete;
    const composerEl = await waitFor(() => el.shadowRoot.querySelector('cc-composer'), 'composer');
    await composerEl.updateComplete;
    assert(deep(el, 'cc-composer', '[part="send-button"]'), 'the composer is rendered');
    equal(deep(el, 'cc-composer', '[part="attach-button"]'), null, 'no attach button');
  });
});
