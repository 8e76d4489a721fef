import type { Handlers } from '../dispatch';
import type { TuneService } from '../tune-service';

export function tuneHandlers(service: TuneService): Pick<Handlers, 'analysis.fitLatency' | 'analysis.tune' | 'analysis.tuneRun'> {
  return {
    'analysis.fitLatency': (input) => service.fit(input),
    'analysis.tune': (input) => service.tune(input),
    'analysis.tuneRun': (input) => service.tuneRun(input),
  };
}
