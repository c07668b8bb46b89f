import { sendKeys } from '@web/test-runner-commands';
import '../../dist/company-chat.js';
import { assert, cleanup, createChat, equal, messageBody, messages, settled, waitFor } from './helpers.js';

function versions(el, i) {
  return messages(el)[i].shadowRoot.querySelector('[part="versions"]');
}

describe('regenerate, edit and versions', () => {
  afterEach(cleanup);

  it('regenerates an answer and switches between its versions', async () => {
    const el = await createChat();
    await el.send('tell me');
    await settled(el, 2);
    const firstId = el.chat.getSnapshot().messages[1].id;
    messages(el)[1].shadowRoot.querySelector('[aria-label="Regenerate"]').click();
    await waitFor(() => el.chat.getSnapshot().messages[1]?.siblingIds?.length === 2, 'second version');
    await el.updateComplete;
    const switcher = await waitFor(() => versions(el, 1), 'version switcher');
    equal(switcher.querySelector('span').textContent.trim(), '2 / 2', 'on the new version');
    switcher.querySelector('[aria-label="Previous version"]').click();
    await waitFor(() => el.chat.getSnapshot().messages[1].id === firstId, 'switched to version 1');
    await waitFor(() => versions(el, 1)?.querySelector('span').textContent.trim() === '1 / 2', 'label 1 / 2');
    equal(messageBody(el, 1).textContent.trim(), 'You said: tell me', 'version 1 text');
  });

  it('edits a question with the keyboard into a new branch', async () => {
    const el = await createChat();
    await el.send('first wording');
    await settled(el, 2);
    messages(el)[0].shadowRoot.querySelector('[aria-label="Edit"]').click();
    const area = await waitFor(() => messages(el)[0].shadowRoot.querySelector('textarea'), 'edit box');
    await waitFor(() => messages(el)[0].shadowRoot.activeElement === area, 'edit box focused');
    area.select();
    await sendKeys({ type: 'better wording' });
    messages(el)[0].shadowRoot.querySelector('.edit-actions button').click();
    await waitFor(() => el.chat.getSnapshot().messages[0]?.siblingIds?.length === 2, 'edited branch');
    await settled(el, 2);
    equal(messageBody(el, 1).textContent.trim(), 'You said: better wording', 'new answer');
    equal(versions(el, 0).querySelector('span').textContent.trim(), '2 / 2', 'question versions');
    assert(messages(el).length === 2, 'two messages on the branch');
  });
});
