import { executeServerCommand } from '@web/test-runner-commands';
import '../../dist/company-chat.js';
import {
  assert,
  axeClean,
  cleanup,
  createChat,
  deep,
  endpoint,
  equal,
  messages,
  serverRequests,
  settled,
  waitFor,
} from './helpers.js';

const text = (name, body = 'Parental leave is 16 weeks.\n\nAsk HR.') => new File([body], name, { type: 'text/plain' });
function transfer(...files) {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}
const composer = (el) => deep(el, 'cc-composer');
const chips = (el) => [...composer(el).shadowRoot.querySelectorAll('[part="attachment"]')];
const tools = (el) => deep(el, 'cc-chat-tools');
const fileRows = (el) => [...(tools(el)?.shadowRoot.querySelectorAll('[part="file"]') ?? [])];

/** The user's files as the server lists them. */
async function serverFiles(el) {
  const res = await fetch(`${endpoint}/api/v1/files`, { headers: el.headers });
  return (await res.json()).files;
}

/** A drop as the browser delivers it: composed, so it crosses shadow roots up to the chat. */
function drop(target, ...files) {
  target.dispatchEvent(
    new DragEvent('drop', { dataTransfer: transfer(...files), bubbles: true, cancelable: true, composed: true }),
  );
}

async function openTools(el) {
  await waitFor(() => deep(el, 'cc-composer', '[part="more-button"]'), 'more button');
  deep(el, 'cc-composer', '[part="more-button"]').click();
  await waitFor(() => tools(el)?.shadowRoot?.querySelector('dialog[open]'), 'tools dialog open');
  return tools(el);
}

describe('files: drop anywhere, chips, sent attachments, My files, export', () => {
  // Uncaught errors in the page fail the test (helpers.js).
  afterEach(cleanup);

  it('a file dropped on the message list of a new chat uploads to that chat; sending clears the chip and the message shows it', async () => {
    document.documentElement.lang = 'en';
    const el = await createChat();
    await waitFor(() => deep(el, 'cc-composer', '[part="attach-button"]'), 'attach button');
    drop(deep(el, 'cc-message-list', '[part="message-list"]'), text('leave.txt'));
    await waitFor(() => chips(el)[0]?.textContent.includes('ready'), 'uploaded');
    const conversationId = el.chat.getSnapshot().conversationId;
    assert(conversationId, 'the new chat was created to hold the file');
    const requests = await serverRequests();
    assert(requests.includes('POST /api/v1/conversations'), 'conversation created');
    const [file] = await serverFiles(el);
    equal(file.name, 'leave.txt', 'stored');
    equal(file.scope.conversationId, conversationId, 'attached to this chat only');

    await el.send('How long is parental leave?');
    await settled(el, 2);
    equal(chips(el).length, 0, 'chip cleared after send');
    equal(el.chat.getSnapshot().conversationId, conversationId, 'the message went to the same chat');
    const sent = messages(el)[0].shadowRoot.querySelector('[part="sent-attachment"]');
    assert(sent?.textContent.includes('leave.txt'), 'the sent message shows its attachment');
    // Stored with the message: read back from the server (as after a reload), it is still there.
    el.chat.reset();
    await el.chat.load(conversationId);
    await el.updateComplete;
    await waitFor(() => messages(el)[0]?.shadowRoot.querySelector('[part="sent-attachment"]'), 'shown after reload');
    assert(
      messages(el)[0].shadowRoot.querySelector('[part="sent-attachment"]').textContent.includes('leave.txt'),
      'same file after reload',
    );
  });

  it('the chip’s × deletes the uploaded file; "All my chats" uploads without a conversation', async () => {
    const el = await createChat();
    const scope = await waitFor(() => deep(el, 'cc-composer', '[part="attach-scope"]'), 'scope picker');
    equal(scope.getAttribute('aria-label'), 'Attach files to', 'labelled');
    scope.value = 'user';
    scope.dispatchEvent(new Event('change'));
    await el.updateComplete;
    composer(el).attachFiles([text('policy.txt', 'Expenses need a receipt.')]);
    await waitFor(() => chips(el)[0]?.textContent.includes('ready'), 'uploaded');
    const [file] = await serverFiles(el);
    equal(file.scope.conversationId, undefined, 'for all chats');
    equal(el.chat.getSnapshot().conversationId, null, 'no conversation needed');
    chips(el)[0].querySelector('button').click();
    await waitFor(async () => (await serverFiles(el)).length === 0, 'deleted on the server');
    assert((await serverRequests()).includes(`DELETE /api/v1/files/${file.id}`), 'DELETE sent');
    equal(chips(el).length, 0, 'chip gone');
  });

  it('My files lists files with their place and deletes one; axe clean', async () => {
    const el = await createChat();
    await waitFor(() => deep(el, 'cc-composer', '[part="attach-button"]'), 'attach button');
    composer(el).attachFiles([text('chat-only.txt', 'One.')]);
    await waitFor(() => chips(el)[0]?.textContent.includes('ready'), 'first uploaded');
    el.attachScope = 'user';
    await el.updateComplete;
    composer(el).attachFiles([text('everywhere.txt', 'Two.')]);
    await waitFor(() => chips(el)[1]?.textContent.includes('ready'), 'second uploaded');

    const panel = await openTools(el);
    await waitFor(() => fileRows(el).length === 2, 'two files listed');
    const rows = fileRows(el).map((r) => r.textContent.replace(/\s+/g, ' ').trim());
    assert(
      rows.some((r) => r.includes('chat-only.txt') && r.includes('this chat')),
      rows.join(' | '),
    );
    assert(
      rows.some((r) => r.includes('everywhere.txt') && r.includes('all chats')),
      rows.join(' | '),
    );
    await axeClean(panel.shadowRoot.querySelector('dialog'));

    const row = fileRows(el).find((r) => r.textContent.includes('everywhere.txt'));
    const button = row.querySelector('[part="delete-file-button"]');
    equal(button.getAttribute('aria-label'), 'Delete everywhere.txt', 'delete button label');
    button.click();
    await waitFor(() => fileRows(el).length === 1, 'row removed');
    await waitFor(
      () => panel.shadowRoot.querySelector('[role="status"]').textContent.includes('everywhere.txt deleted'),
      'announced',
    );
    equal((await serverFiles(el)).map((f) => f.name).join(), 'chat-only.txt', 'deleted on the server');
    await waitFor(() => chips(el).length === 1, 'its chip is gone too');

    // Escape closes the dialog (native modal) and the element is removed.
    panel.shadowRoot.querySelector('dialog').close();
    await waitFor(() => !tools(el), 'closed');
  });

  it('exports the conversation as Markdown and JSON from the UI', async () => {
    const el = await createChat();
    await el.send('Summarise the travel policy');
    await settled(el, 2);
    const panel = await openTools(el);
    await executeServerCommand('cc-arm-download');
    panel.shadowRoot.querySelector('[part="export-markdown"]').click();
    const md = await executeServerCommand('cc-take-download');
    equal(md.name, 'Summarise the travel policy.md', 'markdown file name');
    assert(md.text.includes('Summarise the travel policy'), md.text);
    assert(md.text.includes('You said: Summarise the travel policy'), 'answer in the export');

    await executeServerCommand('cc-arm-download');
    panel.shadowRoot.querySelector('[part="export-json"]').click();
    const json = await executeServerCommand('cc-take-download');
    equal(json.name, 'Summarise the travel policy.json', 'json file name');
    const body = JSON.parse(json.text);
    equal(body.conversation.id, el.chat.getSnapshot().conversationId, 'the open conversation');
    equal(body.messages.length, 2, 'both messages');
  });

  it('editing a message keeps its file; the export names it', async () => {
    const el = await createChat();
    await waitFor(() => deep(el, 'cc-composer', '[part="attach-button"]'), 'attach button');
    composer(el).attachFiles([text('leave.txt')]);
    await waitFor(() => chips(el)[0]?.textContent.includes('ready'), 'uploaded');
    await el.send('How long is parental leave?');
    await settled(el, 2);

    const question = messages(el)[0];
    question.shadowRoot.querySelector('button[aria-label="Edit"]').click();
    await question.updateComplete;
    const editor = question.shadowRoot.querySelector('textarea');
    editor.value = 'How long is paid parental leave?';
    [...question.shadowRoot.querySelectorAll('.edit-actions button')][0].click();
    await waitFor(() => el.chat.getSnapshot().messages[0]?.siblingIds?.length === 2, 'the edit stored as a version');
    await settled(el, 2);
    const edited = messages(el)[0];
    assert(edited.shadowRoot.querySelector('.bubble').textContent.includes('paid parental leave'), 'edited text');
    const sent = edited.shadowRoot.querySelector('[part="sent-attachment"]');
    assert(sent?.textContent.includes('leave.txt'), 'the edited message still shows its file');

    const panel = await openTools(el);
    await executeServerCommand('cc-arm-download');
    panel.shadowRoot.querySelector('[part="export-markdown"]').click();
    const md = await executeServerCommand('cc-take-download');
    assert(md.text.includes('How long is paid parental leave?\n\nAttachments: leave.txt\n'), md.text);
  });
});
