import { z } from 'zod';
import { defineEvent } from './route';

export const hostNotice = defineEvent({
  name: 'host.notice',
  summary: 'A message from the host for the status bar (warnings, background errors).',
  payload: z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
});
