import '../../dist/company-chat.js';
import { assert, cleanup, createChat, deep, newUser, serverRequests, settled, waitFor } from './helpers.js';

// The test server's tier allows 10 messages a minute. The widget's own requests (files probe, quota,
// conversation list, models) must not count against it: only sends, regenerations and edits do.
describe('fair limits', () => {
  afterEach(cleanup);

  it('sends 10 messages in a minute under a 10-messages tier, with all its background calls, then explains the 11th', async () => {
    const before = (await serverRequests()).length;
    const el = await createChat({ mode: 'page' }, { user: newUser() });
    for (let i = 1; i <= 10; i++) {
      await el.send(`Message ${i}`);
      await settled(el, 2 * i);
      const last = el.chat.getSnapshot().messages.at(-1);
      assert(last.status === 'complete', `answer ${i} complete, got ${last.status}`);
    }
    const during = (await serverRequests()).slice(before);
    const sends = during.filter((r) => r.startsWith('POST /api/v1/chat')).length;
    assert(sends === 10, `10 sends, got ${sends}`);
    // The widget's background calls are many more than the messages, and none was refused.
    assert(during.length > 20, `background calls made (${during.length} requests in all)`);

    await el.send('Message 11');
    await waitFor(() => el.chat.getSnapshot().error?.code === 'rate_limited', 'the 11th message is rate limited');
    // Explained in place, with when sending works again, and no Retry button until then.
    const notice = () => deep(el, 'cc-message-list', 'cc-message[last]', 'cc-error-notice');
    await waitFor(
      () => notice()?.shadowRoot?.textContent.includes('You are sending messages faster than allowed'),
      'the refusal is explained',
    );
    // (Unless the minute has already passed on a slow machine: then Retry can help again.)
    if (Date.parse(el.chat.getSnapshot().error.retryAt) > Date.now() + 2000) {
      assert(!notice().shadowRoot.querySelector('[part="retry-button"]'), 'no Retry while it cannot help');
    }
  });
});
