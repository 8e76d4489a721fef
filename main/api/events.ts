import { z } from 'zod';
import { defineEvent } from './route';
import { MockJournalEntry } from './routes/mocks';

export const hostNotice = defineEvent({
  name: 'host.notice',
  summary: 'A message from the host for the status bar (warnings, background errors).',
  payload: z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
});

export const mocksJournalEvent = defineEvent({
  name: 'mocks.journal',
  summary: 'One request the running mock server saw (a journal entry), when its exchange ended.',
  payload: MockJournalEntry,
});
