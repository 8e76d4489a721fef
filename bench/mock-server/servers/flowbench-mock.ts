// flowbench's mock server (journal on, as users run it); prints `PORT <n>` once listening.
import { MocksFile } from '../../../main/api/formats/mocks';
import { startMockServer } from '../../../mocks/server';
import { FLOWBENCH_MOCKS } from '../bench-route';

const server = await startMockServer({ mocks: MocksFile.parse(FLOWBENCH_MOCKS), port: 0 });
process.stdout.write(`PORT ${server.port}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
