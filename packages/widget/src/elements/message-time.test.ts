import { describe, expect, it } from 'vitest';
import { messageTime } from './message-time.js';

describe('messageTime', () => {
  it('formats the short label and the full tooltip in the given language', () => {
    const at = '2026-03-04T09:05:00.000Z';
    const time = messageTime(at, 'en-GB');
    const date = new Date(at);
    expect(time).toEqual({
      iso: at,
      label: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(date),
      title: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(date),
    });
  });

  it('falls back to the default language for an invalid lang attribute, and to nothing for an invalid date', () => {
    const at = '2026-03-04T09:05:00.000Z';
    expect(messageTime(at, 'not a language!')?.label).toBe(messageTime(at, '')?.label);
    expect(messageTime('yesterday-ish', 'en')).toBeNull();
  });
});
