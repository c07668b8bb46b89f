import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/index.js';
import type { CompanyChat } from '../src/index.js';
import { CODE_MATH_PROMPT, cannedReplies, QUARTER_PROMPT } from '../test/browser/fixtures/canned-replies.js';
import { type StoryServerOptions, storyServer } from './story-server.js';

interface Args {
  mode: 'launcher' | 'inline' | 'page';
  theme: 'light' | 'dark' | 'auto';
  dir: 'ltr' | 'rtl';
  server: StoryServerOptions;
  prompt?: string;
  math?: 'on' | 'off';
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
    const el = document.createElement('company-chat') as CompanyChat;
    el.setAttribute('mode', args.mode);
    el.setAttribute('theme', args.theme);
    if (args.mode === 'launcher') el.setAttribute('open', '');
    if (args.math) el.setAttribute('math', args.math);
    el.fetch = storyServer(args.server);
    box.append(el);
    if (args.prompt) {
      const prompt = args.prompt;
      setTimeout(() => el.send(prompt), 0);
    }
    return box;
  },
};
export default meta;

type Story = StoryObj<Args>;
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
