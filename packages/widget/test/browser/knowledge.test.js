import '../../dist/company-chat.js';
import { assert, cleanup, createChat, deep, endpoint, equal, newUser, serverRequests, waitFor } from './helpers.js';

describe('knowledge base switch', () => {
  afterEach(cleanup);

  it('switches the knowledge base for the next message and for the open conversation', async () => {
    const user = newUser();
    const el = await createChat({}, { user });
    const toggle = await waitFor(
      () => deep(el, 'cc-composer', '[part="knowledge-toggle"]'),
      'knowledge switch (server supports files)',
    );
    equal(toggle.type, 'checkbox', 'a checkbox');
    equal(toggle.closest('label')?.textContent.trim(), 'Use knowledge base', 'labelled');
    assert(toggle.checked, 'on by default');

    toggle.click();
    await waitFor(() => el.chat.getSnapshot().useKnowledge === false, 'switched off');
    await el.send('Hello without files');
    const id = el.chat.getSnapshot().conversationId;
    const read = async () =>
      (await (await fetch(`${endpoint}/api/v1/conversations/${id}`, { headers: { 'x-user-id': user } })).json())
        .conversation.useKnowledge;
    equal(await read(), false, 'stored off with the first message');

    await el.updateComplete;
    const again = deep(el, 'cc-composer', '[part="knowledge-toggle"]');
    assert(!again.checked, 'still shown off');
    again.click();
    await waitFor(async () => (await read()) === true, 'saved on the open conversation');
    assert((await serverRequests()).includes(`PATCH /api/v1/conversations/${id}`), 'PATCH request');
  });
});
