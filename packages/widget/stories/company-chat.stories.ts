import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/index.js';
import type { CcMessage, CompanyChat } from '../src/index.js';
import { CODE_MATH_PROMPT, cannedReplies, QUARTER_PROMPT } from '../test/browser/fixtures/canned-replies.js';
import { type StoryServerOptions, storyServer } from './story-server.js';

interface Args {
  mode: 'launcher' | 'inline' | 'page';
  theme: 'light' | 'dark' | 'auto';
  dir: 'ltr' | 'rtl';
  server: StoryServerOptions;
  prompt?: string;
  math?: 'on' | 'off';
  /** Open the conversation list (recent chats, or the page-mode drawer) once rendered. */
  drawer?: boolean;
  /** Then type this into its search field. */
  search?: string;
  /** Width of the story's box (a phone: 360px). */
  width?: string;
  /** Open the first cited source of the answer once it is complete. */
  openSource?: boolean;
}

const meta: Meta<Args> = {
  title: 'company-chat',
  args: { mode: 'inline', theme: 'light', dir: 'ltr', server: {} },
  argTypes: {
    mode: { control: 'inline-radio', options: ['launcher', 'inline', 'page'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    dir: { control: 'inline-radio', options: ['ltr', 'rtl'] },
  },
  render: (args) => {
    const box = document.createElement('div');
    box.dir = args.dir;
    box.style.height = '100vh';
    if (args.width) box.style.width = args.width;
    const el = document.createElement('company-chat') as CompanyChat;
    el.setAttribute('mode', args.mode);
    el.setAttribute('theme', args.theme);
    // Every story starts from its own state, not from the conversation another story left open.
    el.setAttribute('persist', 'none');
    if (args.mode === 'launcher') el.setAttribute('open', '');
    if (args.math) el.setAttribute('math', args.math);
    el.fetch = storyServer(args.server);
    box.append(el);
    if (args.prompt) {
      const prompt = args.prompt;
      setTimeout(() => el.send(prompt), 0);
    }
    if (args.drawer || args.search) showList(el, args.drawer, args.search);
    if (args.openSource) el.addEventListener('cc-answer-complete', () => openSource(el), { once: true });
    return box;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Opens the conversation list through its toggle, as a user would, and searches when asked. */
async function showList(el: CompanyChat, open?: boolean, query?: string) {
  await el.updateComplete;
  // After the first layout: the element knows its width (narrow page mode uses the drawer) by then.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await el.updateComplete;
  if (open) el.shadowRoot?.querySelector<HTMLElement>('.drawer-toggle')?.click();
  if (!query) return;
  await customElements.whenDefined('cc-sidebar');
  const list = el.shadowRoot?.querySelector('cc-sidebar');
  await list?.updateComplete;
  const input = list?.shadowRoot?.querySelector('input[type="search"]') as HTMLInputElement | null;
  if (!input) return;
  input.value = query;
  input.dispatchEvent(new Event('input'));
}
/** Clicks the first cited source of the last answer, as a user would. */
async function openSource(el: CompanyChat) {
  await el.updateComplete;
  const list = el.shadowRoot?.querySelector('cc-message-list');
  await list?.updateComplete;
  const answer = list?.shadowRoot?.querySelector<CcMessage>('cc-message[last]');
  await answer?.updateComplete;
  // The sources are a part of their own, defined when its file has loaded.
  await customElements.whenDefined('cc-citations');
  await answer?.shadowRoot?.querySelector('cc-citations')?.updateComplete;
  answer?.shadowRoot?.querySelector<HTMLElement>('[part="citation-source"]')?.click();
}
const longAnswer = cannedReplies[QUARTER_PROMPT]!;

/** Before the first message. */
export const Empty: Story = {};

/** An answer arriving (it never finishes, so the streaming state stays visible). */
export const Streaming: Story = {
  args: { prompt: QUARTER_PROMPT, server: { answer: longAnswer, delayMs: 40, hangAfter: 260 } },
};

/** A long answer with a list, a table, code and a quote. */
export const LongAnswer: Story = { args: { prompt: QUARTER_PROMPT, server: { answer: longAnswer } } };

/**
 * Code in two languages and inline and display math: highlighting and math load lazily (separate
 * chunks) once the answer's first code block or formula is finished.
 */
export const CodeAndMath: Story = {
  args: { prompt: CODE_MATH_PROMPT, server: { answer: cannedReplies[CODE_MATH_PROMPT]!, delayMs: 5 } },
};

/** The same answer with `math="off"`: formulas stay as typed, code is still highlighted. */
export const MathOff: Story = {
  args: { prompt: CODE_MATH_PROMPT, math: 'off', server: { answer: cannedReplies[CODE_MATH_PROMPT]! } },
};

/** The provider failed after part of the answer: the error shows in place with retry. */
export const ErrorInPlace: Story = {
  args: {
    prompt: QUARTER_PROMPT,
    server: {
      answer: longAnswer,
      failAfter: { chars: 120, code: 'overloaded', message: 'The model is overloaded. Try again in a moment.' },
    },
  },
};

/** Today's allowance is used up: the server refuses with `Retry-After`; no Retry until the reset time. */
export const QuotaExceeded: Story = {
  args: {
    prompt: 'One more question',
    server: {
      reject: {
        status: 429,
        code: 'quota_exceeded',
        message: 'Quota used up: user limit tokensPerDay reached.',
        retryAfterSeconds: 5 * 3600,
        limit: 'tokensPerDay',
      },
    },
  },
};

/** 92% of today's allowance used: the line under the composer warns before anything is refused. */
export const QuotaWarning: Story = {
  args: { prompt: 'How much is left?', server: { answer: 'Plenty of answers left today.', quotaUsed: 92_000 } },
};

/** An answer citing a passage of the knowledge base: its source under it, thumbs up/down to rate it. */
export const CitedAnswer: Story = {
  args: {
    prompt: 'How long is parental leave?',
    server: {
      answer: 'Every employee gets **sixteen weeks** of fully paid parental leave [1].',
      citations: [
        {
          index: 1,
          fileId: 'f1',
          fileName: 'employee-handbook.pdf',
          page: 2,
          snippet: 'Every employee is entitled to sixteen weeks of fully paid parental leave.',
        },
      ],
    },
  },
};

const handbook = { id: 'f1', name: 'employee-handbook.pdf', mediaType: 'application/pdf', sizeBytes: 48_213 };
const leave = {
  id: 'p7',
  ordinal: 7,
  text: 'Every employee is entitled to sixteen weeks of fully paid parental leave.',
  headingPath: ['Benefits', 'Parental leave'],
  locator: { page: 2, heading: ['Benefits', 'Parental leave'] },
};

/** The cited source opened: the passage in context (before, the passage marked, after) and where it is. */
export const CitedPassageOpen: Story = {
  args: {
    prompt: 'How long is parental leave?',
    openSource: true,
    server: {
      answer: 'Every employee gets **sixteen weeks** of fully paid parental leave [1].',
      citations: [
        {
          index: 1,
          fileId: 'f1',
          fileName: 'employee-handbook.pdf',
          page: 2,
          passageId: 'p7',
          locator: leave.locator,
          snippet: 'Every employee is entitled to sixteen weeks of fully paid parental leave.',
        },
      ],
      passages: {
        p7: {
          file: { ...handbook, status: 'ready', createdAt: '2026-01-05T09:00:00.000Z' },
          passage: leave,
          previous: {
            ...leave,
            id: 'p6',
            ordinal: 6,
            text: 'Leave is requested in the HR portal at least four weeks ahead.',
          },
          next: {
            ...leave,
            id: 'p8',
            ordinal: 8,
            text: 'Parents may split the weeks into two blocks within the first year.',
          },
        },
      },
    },
  },
};

/** Page mode with a sidebar of many conversations. */
export const PageManyConversations: Story = {
  args: {
    mode: 'page',
    prompt: QUARTER_PROMPT,
    server: { answer: longAnswer, conversations: 40, models: ['default', 'fast'] },
  },
};

/** Dark theme. */
export const Dark: Story = { args: { theme: 'dark', prompt: QUARTER_PROMPT, server: { answer: longAnswer } } };

/** Right-to-left layout. */
export const RightToLeft: Story = {
  args: { dir: 'rtl', mode: 'page', prompt: 'ما هي أرقام الربع؟', server: { answer: longAnswer, conversations: 5 } },
};

/** The floating launcher, open. */
export const Launcher: Story = { args: { mode: 'launcher', prompt: QUARTER_PROMPT, server: { answer: longAnswer } } };

/** Launcher mode with its recent chats open over the chat: New chat, search, older ones as you scroll. */
export const RecentChats: Story = {
  args: { mode: 'launcher', drawer: true, server: { conversations: 120 } },
};

/** Page mode on a phone (360 px): the conversation list is a drawer, closed by default. */
export const PhoneDrawerClosed: Story = {
  args: { mode: 'page', width: '360px', prompt: QUARTER_PROMPT, server: { answer: longAnswer, conversations: 12 } },
};

/** Page mode on a phone with the drawer open (Esc, a tap outside or a choice closes it). */
export const PhoneDrawerOpen: Story = {
  args: { mode: 'page', width: '360px', drawer: true, server: { conversations: 12 } },
};

/** A server search with matches marked in the titles. */
export const SearchMatches: Story = {
  args: { mode: 'page', search: 'vpn trouble', server: { conversations: 40 } },
};

/** A search without hits says so (distinct from "No conversations yet"). */
export const SearchNoMatches: Story = {
  args: { mode: 'inline', drawer: true, search: 'zzz', server: { conversations: 8 } },
};
