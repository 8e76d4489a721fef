import type { z } from 'zod';
import { appFolders, appInfo, appOpenFolder } from './routes/app';
import { examplesList } from './routes/examples';
import { hostNotice, mocksJournalEvent } from './events';
import { flowsCheck, flowsOpen, flowsSavePositions } from './routes/flows';
import { flowsCheckCode, flowsSaveCode } from './routes/flow-code';
import { runsScenariosForFlow, runsStart, runsTraceEvent } from './routes/runs';
import { analysisCoverage, analysisSweep } from './routes/analysis';
import { analysisFitLatency, analysisTune, analysisTuneRun } from './routes/analysis-tune';
import {
  sessionsBargeIn,
  sessionsBundle,
  sessionsDelete,
  sessionsDtmf,
  sessionsExportBundle,
  sessionsExportHar,
  sessionsGet,
  sessionsImport,
  sessionsImportHar,
  sessionsList,
  sessionsReplay,
  sessionsHangup,
  sessionsSay,
  sessionsSilence,
  sessionsStart,
  sessionsStatus,
  sessionsStop,
  sessionsToScenario,
  sessionsTraceEvent,
} from './routes/sessions';
import { mocksClearJournal, mocksJournal, mocksPatchRoute, mocksResetState, mocksSetState, mocksStart, mocksState, mocksStatus, mocksStop } from './routes/mocks';
import { mocksConvert } from './routes/mocks-convert';
import { mocksExchange } from './routes/mocks-exchange';
import { mocksOpenSet, mocksReviewSet, mocksSaveSet } from './routes/mocks-edit';
import { libraryExport, libraryImport } from './routes/library-files';
import { flowsCreate, flowsDelete, flowsGet, flowsList, flowsUpdate } from './routes/library-flows';
import { mockSetsCreate, mockSetsDelete, mockSetsGet, mockSetsList, mockSetsUpdate } from './routes/library-mock-sets';
import { libraryRuns, resultsGet, scenariosCancelRun, scenariosCompare, scenariosHistory, scenariosProgressEvent, scenariosRun } from './routes/library-runs';
import { scenariosCreate, scenariosDelete, scenariosGet, scenariosList, scenariosTags, scenariosUpdate, scenariosValidate } from './routes/library-scenarios';

/**
 * The one API contract between the UI and the host. The Electron IPC handlers, the
 * preload bridge, the browser-mode HTTP server and client are all derived from it.
 */
export const contract = {
  [appInfo.name]: appInfo,
  [appFolders.name]: appFolders,
  [appOpenFolder.name]: appOpenFolder,
  [examplesList.name]: examplesList,
  [mocksStart.name]: mocksStart,
  [mocksStop.name]: mocksStop,
  [mocksStatus.name]: mocksStatus,
  [mocksPatchRoute.name]: mocksPatchRoute,
  [mocksJournal.name]: mocksJournal,
  [mocksClearJournal.name]: mocksClearJournal,
  [mocksState.name]: mocksState,
  [mocksSetState.name]: mocksSetState,
  [mocksResetState.name]: mocksResetState,
  [mocksConvert.name]: mocksConvert,
  [mocksExchange.name]: mocksExchange,
  [mocksOpenSet.name]: mocksOpenSet,
  [mocksReviewSet.name]: mocksReviewSet,
  [mocksSaveSet.name]: mocksSaveSet,
  [flowsList.name]: flowsList,
  [flowsGet.name]: flowsGet,
  [flowsCreate.name]: flowsCreate,
  [flowsUpdate.name]: flowsUpdate,
  [flowsDelete.name]: flowsDelete,
  [mockSetsList.name]: mockSetsList,
  [mockSetsGet.name]: mockSetsGet,
  [mockSetsCreate.name]: mockSetsCreate,
  [mockSetsUpdate.name]: mockSetsUpdate,
  [mockSetsDelete.name]: mockSetsDelete,
  [scenariosList.name]: scenariosList,
  [scenariosGet.name]: scenariosGet,
  [scenariosCreate.name]: scenariosCreate,
  [scenariosUpdate.name]: scenariosUpdate,
  [scenariosValidate.name]: scenariosValidate,
  [scenariosDelete.name]: scenariosDelete,
  [scenariosTags.name]: scenariosTags,
  [scenariosRun.name]: scenariosRun,
  [scenariosCancelRun.name]: scenariosCancelRun,
  [scenariosHistory.name]: scenariosHistory,
  [scenariosCompare.name]: scenariosCompare,
  [resultsGet.name]: resultsGet,
  [libraryRuns.name]: libraryRuns,
  [libraryImport.name]: libraryImport,
  [libraryExport.name]: libraryExport,
  [flowsOpen.name]: flowsOpen,
  [flowsSavePositions.name]: flowsSavePositions,
  [flowsCheck.name]: flowsCheck,
  [flowsCheckCode.name]: flowsCheckCode,
  [flowsSaveCode.name]: flowsSaveCode,
  [runsStart.name]: runsStart,
  [runsScenariosForFlow.name]: runsScenariosForFlow,
  [analysisSweep.name]: analysisSweep,
  [analysisCoverage.name]: analysisCoverage,
  [analysisFitLatency.name]: analysisFitLatency,
  [analysisTune.name]: analysisTune,
  [analysisTuneRun.name]: analysisTuneRun,
  [sessionsStart.name]: sessionsStart,
  [sessionsSay.name]: sessionsSay,
  [sessionsDtmf.name]: sessionsDtmf,
  [sessionsSilence.name]: sessionsSilence,
  [sessionsBargeIn.name]: sessionsBargeIn,
  [sessionsHangup.name]: sessionsHangup,
  [sessionsStatus.name]: sessionsStatus,
  [sessionsStop.name]: sessionsStop,
  [sessionsList.name]: sessionsList,
  [sessionsGet.name]: sessionsGet,
  [sessionsDelete.name]: sessionsDelete,
  [sessionsImport.name]: sessionsImport,
  [sessionsReplay.name]: sessionsReplay,
  [sessionsToScenario.name]: sessionsToScenario,
  [sessionsExportHar.name]: sessionsExportHar,
  [sessionsImportHar.name]: sessionsImportHar,
  [sessionsBundle.name]: sessionsBundle,
  [sessionsExportBundle.name]: sessionsExportBundle,
} as const;

/** Events the host pushes to the UI. */
export const eventContract = {
  [hostNotice.name]: hostNotice,
  [mocksJournalEvent.name]: mocksJournalEvent,
  [runsTraceEvent.name]: runsTraceEvent,
  [sessionsTraceEvent.name]: sessionsTraceEvent,
  [scenariosProgressEvent.name]: scenariosProgressEvent,
} as const;

export type Contract = typeof contract;
export type RouteName = keyof Contract;
export type InputOf<N extends RouteName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends RouteName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends RouteName> = z.output<Contract[N]['output']>;

export type EventContract = typeof eventContract;
export type EventName = keyof EventContract;
export type EventPayload<E extends EventName> = z.output<EventContract[E]['payload']>;

export const routeNames = Object.freeze(Object.keys(contract)) as readonly RouteName[];
export const eventNames = Object.freeze(Object.keys(eventContract)) as readonly EventName[];

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventContract, name);
}

/** A host event as it travels over IPC or SSE: a union discriminated by `name`. */
export type HostEvent<E extends EventName = EventName> = { [K in E]: { name: K; payload: EventPayload<K> } }[E];
