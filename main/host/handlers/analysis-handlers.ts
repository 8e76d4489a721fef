import type { AnalysisService } from '../analysis-service';
import type { Handlers } from '../dispatch';

export function analysisHandlers(service: AnalysisService): Pick<Handlers, 'analysis.sweep' | 'analysis.coverage'> {
  return {
    'analysis.sweep': (input) => service.sweep(input),
    'analysis.coverage': (input) => service.coverage(input),
  };
}
