import type { Handlers } from '../dispatch';
import type { FlowCodeService } from '../flow-code-service';

export function flowCodeHandlers(service: FlowCodeService): Pick<Handlers, 'flows.checkCode' | 'flows.saveCode'> {
  return {
    'flows.checkCode': (input) => ({ problem: service.check(input.code, input.kind) }),
    'flows.saveCode': (input) => service.save(input.file, input.target, input.code),
  };
}
