import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { CompanyChat } from '../src/index.js';
import { cannedReplies, QUARTER_PROMPT } from '../test/browser/fixtures/canned-replies.js';
import base from './company-chat.stories.js';
import { type StoryFile, withStoryFiles } from './story-files-server.js';
import { storyServer } from './story-server.js';

type BaseArgs = NonNullable<typeof base.args> & Parameters<NonNullable<typeof base.render>>[0];

interface Args extends BaseArgs {
  /** Attributes set on `<company-chat>`. */
  attrs?: Record<string, string>;
  /** Files the story's knowledge base starts with. */
  files?: StoryFile[];
  /** Runs once the element is on the page (attach files, open the dialog, scroll). */
  play?: (el: CompanyChat) => Promise<void>;
}

const meta: Meta<Args> = {
  title: 'company-chat/files and polish',
  args: base.args as Args,
  argTypes: base.argTypes,
  render: (args, context) => {
    const box = base.render!(args, context as never) as HTMLElement;
    const el = box.querySelector('company-chat') as CompanyChat;
    for (const [name, value] of Object.entries(args.attrs ?? {})) el.setAttribute(name, value);
    el.fetch = withStoryFiles(storyServer(args.server), args.files);
    if (args.play) {
      const play = args.play;
      customElements.whenDefined('company-chat').then(() => setTimeout(() => play(el), 50));
    }
    return box;
  },
};
export default meta;

type Story = StoryObj<Args>;
const longAnswer = cannedReplies[QUARTER_PROMPT]!;
const dot =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"%3E%3Ccircle cx="4" cy="4" r="4" fill="%232456d6"/%3E%3C/svg%3E';
const composer = (el: CompanyChat) => el.shadowRoot!.querySelector('cc-composer')!;
const text = (name: string) => new File(['Parental leave is 16 weeks.'], name, { type: 'text/plain' });

/** Starter prompts on the empty chat (the `suggestions` property), with the assistant's name and avatar. */
export const Suggestions: Story = {
  args: {
    attrs: {
      suggestions: JSON.stringify(['What is our travel policy?', 'Summarise the handbook', 'Book a meeting room']),
      'assistant-name': 'HR Helper',
      'assistant-avatar': dot,
    },
  },
};

/** Names and avatars on a finished answer. */
export const NamesAndAvatars: Story = {
  args: {
    prompt: 'How many vacation days do I have?',
    attrs: { 'assistant-name': 'HR Helper', 'assistant-avatar': dot, 'user-name': 'Dana Smith', 'user-avatar': dot },
  },
};

/** Two files attached (this chat, all my chats) and sent: the chips cleared, the message lists them. */
export const SentAttachments: Story = {
  args: {
    attrs: { attachments: 'on' },
    play: async (el) => {
      composer(el).attachFiles([text('leave-policy.txt')]);
      el.attachScope = 'user';
      await el.updateComplete;
      composer(el).attachFiles([text('holidays-2027.txt')]);
      const chips = () => composer(el).attachments;
      while (chips().length < 2 || chips().some((a) => a.status !== 'ready'))
        await new Promise((r) => setTimeout(r, 20));
      await el.send('How long is parental leave?');
    },
  },
};

/** "More actions": My files with a file still being ingested, and the export buttons. */
export const MyFiles: Story = {
  args: {
    prompt: 'Summarise the handbook',
    attrs: { attachments: 'on' },
    files: [
      { name: 'handbook-2027.pdf', sizeBytes: 2_400_000, status: 'processing', scope: { type: 'private' } },
      {
        name: 'leave-policy.txt',
        sizeBytes: 5_120,
        status: 'ready',
        scope: { type: 'private', conversationId: 'story' },
      },
      { name: 'it-security.md', sizeBytes: 12_800, status: 'ready', scope: { type: 'shared', collection: 'it' } },
    ],
    play: async (el) => {
      while (el.chat.getSnapshot().status !== 'idle' || !el.chat.getSnapshot().conversationId) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await el.updateComplete;
      composer(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="more-button"]')!.click();
    },
  },
};

/** Scrolled up while a long answer streams: "Jump to the latest message" appears. */
export const JumpToLatest: Story = {
  args: {
    prompt: QUARTER_PROMPT,
    server: { answer: longAnswer.repeat(3), delayMs: 15, hangAfter: 4000 },
    play: async (el) => {
      const list = el.shadowRoot!.querySelector('cc-message-list')!;
      const log = () => list.shadowRoot!.querySelector<HTMLElement>('[part="message-list"]');
      while (!log() || log()!.scrollHeight < log()!.clientHeight * 2) await new Promise((r) => setTimeout(r, 50));
      log()!.scrollTop = 0;
    },
  },
};
