/**
 * Every SQL statement of the store, in one place. `Statements` prepares each once per
 * connection; the repos only name them. Parameters are named (`@id`) and always all bound.
 */

const SCENARIO_FILTER = `
  (@text IS NULL OR instr(s.search_text, @text) > 0)
  AND (@name IS NULL OR instr(fold(s.name), @name) > 0)
  AND (@tag IS NULL OR EXISTS (SELECT 1 FROM scenario_tags t WHERE t.scenario_id = s.id AND t.tag = @tag))
  AND (@flowId IS NULL OR s.flow_id = @flowId)
  AND (@mockSetId IS NULL OR s.mocks_id = @mockSetId)
  AND (@file IS NULL OR sf.path = @file)`;

/** The newest result of each listed scenario: one index seek per row, joined without JSON. */
const LAST_RUN_JOIN = `
  LEFT JOIN run_results lr ON lr.id = (SELECT max(r.id) FROM run_results r WHERE r.scenario_id = s.id)
  LEFT JOIN runs lru ON lru.id = lr.run_id`;

const SCENARIO_SUMMARY_COLUMNS = `
  s.id, s.name, s.description, sf.path AS file, s.position, s.tags, s.flow_id, s.flow_name, s.mocks_id,
  s.created_at, s.updated_at, lr.run_id AS last_run_id, lr.id AS last_result_id, lr.status AS last_status,
  lru.started_at AS last_started_at`;

const FLOW_COLUMNS = `id, path, name, channel, sha256, created_at, updated_at,
  (SELECT count(*) FROM scenarios s WHERE s.flow_id = flows.id) AS scenarios`;

const MOCKS_COLUMNS = `id, path, name, route_count, sha256, created_at, updated_at,
  (SELECT count(*) FROM scenarios s WHERE s.mocks_id = mock_sets.id) AS scenarios`;

const TEXT_FILTER = '(@text IS NULL OR instr(fold(name || char(10) || path), @text) > 0)';

const HISTORY_COLUMNS = `
  r.id, r.run_id, ru.started_at, r.name, r.status, r.end_state, r.end_reason, r.virtual_ms, r.wall_ms,
  (SELECT count(*) FROM json_each(r.checks) WHERE json_extract(value, '$.ok')) AS checks_passed,
  json_array_length(r.checks) AS checks_total, r.flow_sha256, r.mocks_sha256`;

export const SQL = {
  // flows
  'flows.insert': `INSERT INTO flows (path, name, channel, body, sha256, created_at, updated_at)
    VALUES (@path, @name, @channel, @body, @sha256, @now, @now)`,
  'flows.update': `UPDATE flows SET name = @name, channel = @channel, body = @body, sha256 = @sha256, updated_at = @now WHERE id = @id`,
  'flows.byId': `SELECT ${FLOW_COLUMNS}, body FROM flows WHERE id = ?`,
  'flows.byPath': `SELECT ${FLOW_COLUMNS}, body FROM flows WHERE path = ?`,
  'flows.list': `SELECT ${FLOW_COLUMNS} FROM flows WHERE ${TEXT_FILTER} ORDER BY path LIMIT @limit OFFSET @offset`,
  'flows.count': `SELECT count(*) FROM flows WHERE ${TEXT_FILTER}`,
  'flows.paths': 'SELECT path FROM flows',
  'flows.all': `SELECT ${FLOW_COLUMNS}, body FROM flows ORDER BY path`,
  'flows.delete': 'DELETE FROM flows WHERE id = ?',

  // mock sets
  'mockSets.insert': `INSERT INTO mock_sets (path, name, route_count, body, sha256, created_at, updated_at)
    VALUES (@path, @name, @routeCount, @body, @sha256, @now, @now)`,
  'mockSets.update': `UPDATE mock_sets SET name = @name, route_count = @routeCount, body = @body, sha256 = @sha256, updated_at = @now
    WHERE id = @id`,
  'mockSets.byId': `SELECT ${MOCKS_COLUMNS}, body FROM mock_sets WHERE id = ?`,
  'mockSets.byPath': `SELECT ${MOCKS_COLUMNS}, body FROM mock_sets WHERE path = ?`,
  'mockSets.list': `SELECT ${MOCKS_COLUMNS} FROM mock_sets WHERE ${TEXT_FILTER} ORDER BY path LIMIT @limit OFFSET @offset`,
  'mockSets.count': `SELECT count(*) FROM mock_sets WHERE ${TEXT_FILTER}`,
  'mockSets.paths': 'SELECT path FROM mock_sets',
  'mockSets.all': `SELECT ${MOCKS_COLUMNS}, body FROM mock_sets ORDER BY path`,
  'mockSets.delete': 'DELETE FROM mock_sets WHERE id = ?',

  // scenario files
  'scenarioFiles.insert': `INSERT INTO scenario_files (path, layout, settings, flow_id, mocks_id, created_at, updated_at)
    VALUES (@path, @layout, @settings, @flowId, @mocksId, @now, @now)`,
  'scenarioFiles.update': `UPDATE scenario_files SET layout = @layout, settings = @settings, flow_id = @flowId, mocks_id = @mocksId,
    updated_at = @now WHERE id = @id`,
  'scenarioFiles.byId': 'SELECT id, path, layout, settings, flow_id, mocks_id FROM scenario_files WHERE id = ?',
  'scenarioFiles.byPath': 'SELECT id, path, layout, settings, flow_id, mocks_id FROM scenario_files WHERE path = ?',
  'scenarioFiles.paths': 'SELECT path FROM scenario_files',
  'scenarioFiles.all': 'SELECT id, path, layout, settings, flow_id, mocks_id FROM scenario_files ORDER BY path',
  'scenarioFiles.usingFlow': 'SELECT path FROM scenario_files WHERE flow_id = ? ORDER BY path',
  'scenarioFiles.usingMocks': 'SELECT path FROM scenario_files WHERE mocks_id = ? ORDER BY path',
  'scenarioFiles.delete': 'DELETE FROM scenario_files WHERE id = ?',

  // scenarios
  'scenarios.insert': `INSERT INTO scenarios (file_id, position, name, body, own_flow_id, own_mocks_id, flow_id, mocks_id,
      description, tags, flow_name, search_text, created_at, updated_at)
    VALUES (@fileId, @position, @name, @body, @ownFlowId, @ownMocksId, @flowId, @mocksId,
      @description, @tags, @flowName, @searchText, @now, @now)`,
  'scenarios.update': `UPDATE scenarios SET position = @position, name = @name, body = @body, own_flow_id = @ownFlowId,
      own_mocks_id = @ownMocksId, flow_id = @flowId, mocks_id = @mocksId, description = @description, tags = @tags,
      flow_name = @flowName, search_text = @searchText, updated_at = @now
    WHERE id = @id`,
  'scenarios.move': 'UPDATE scenarios SET position = @position WHERE id = @id',
  'scenarios.setFlowName': 'UPDATE scenarios SET flow_name = @flowName, search_text = @searchText WHERE id = @id',
  'scenarios.byId': `SELECT ${SCENARIO_SUMMARY_COLUMNS}, s.file_id, s.body, s.own_flow_id, s.own_mocks_id
    FROM scenarios s JOIN scenario_files sf ON sf.id = s.file_id ${LAST_RUN_JOIN} WHERE s.id = ?`,
  'scenarios.inFile': `SELECT ${SCENARIO_SUMMARY_COLUMNS}, s.file_id, s.body, s.own_flow_id, s.own_mocks_id
    FROM scenarios s JOIN scenario_files sf ON sf.id = s.file_id ${LAST_RUN_JOIN} WHERE s.file_id = ? ORDER BY s.position`,
  'scenarios.usingFlow': `SELECT ${SCENARIO_SUMMARY_COLUMNS}, s.file_id, s.body, s.own_flow_id, s.own_mocks_id
    FROM scenarios s JOIN scenario_files sf ON sf.id = s.file_id ${LAST_RUN_JOIN} WHERE s.flow_id = ? ORDER BY sf.path, s.position`,
  'scenarios.usingMocks': `SELECT ${SCENARIO_SUMMARY_COLUMNS}, s.file_id, s.body, s.own_flow_id, s.own_mocks_id
    FROM scenarios s JOIN scenario_files sf ON sf.id = s.file_id ${LAST_RUN_JOIN} WHERE s.mocks_id = ? ORDER BY sf.path, s.position`,
  // CROSS JOIN keeps files as the outer loop: rows come out in (path, position) order from the indexes, unsorted.
  'scenarios.search': `SELECT ${SCENARIO_SUMMARY_COLUMNS}
    FROM scenario_files sf CROSS JOIN scenarios s ON s.file_id = sf.id ${LAST_RUN_JOIN}
    WHERE ${SCENARIO_FILTER}
    ORDER BY sf.path, s.position LIMIT @limit OFFSET @offset`,
  'scenarios.searchIds': `SELECT s.id FROM scenario_files sf CROSS JOIN scenarios s ON s.file_id = sf.id
    WHERE ${SCENARIO_FILTER} ORDER BY sf.path, s.position LIMIT @limit OFFSET @offset`,
  'scenarios.count': `SELECT count(*) FROM scenarios s JOIN scenario_files sf ON sf.id = s.file_id WHERE ${SCENARIO_FILTER}`,
  'scenarios.delete': 'DELETE FROM scenarios WHERE id = ?',
  'scenarios.countAll': 'SELECT count(*) FROM scenarios',

  // tags
  'tags.clear': 'DELETE FROM scenario_tags WHERE scenario_id = ?',
  'tags.add': 'INSERT OR IGNORE INTO scenario_tags (scenario_id, tag) VALUES (?, ?)',
  'tags.counts': 'SELECT tag, count(*) AS scenarios FROM scenario_tags GROUP BY tag ORDER BY tag',

  // runs and their results
  'runs.insert': `INSERT INTO runs (started_at, finished_at, source, filter, passed, failed, errors)
    VALUES (@startedAt, @finishedAt, @source, @filter, @passed, @failed, @errors)`,
  'runs.list': 'SELECT id, started_at, finished_at, source, filter, passed, failed, errors FROM runs ORDER BY id DESC LIMIT ?',
  'runs.byId': 'SELECT id, started_at, finished_at, source, filter, passed, failed, errors FROM runs WHERE id = ?',
  'results.insert': `INSERT INTO run_results (run_id, scenario_id, name, file, status, end_state, end_reason,
      virtual_ms, wall_ms, checks, detail, trace, flow_sha256, mocks_sha256)
    VALUES (@runId, @scenarioId, @name, @file, @status, @endState, @endReason,
      @virtualMs, @wallMs, @checks, @detail, @trace, @flowSha256, @mocksSha256)`,
  'results.byId': `SELECT r.*, ru.started_at FROM run_results r JOIN runs ru ON ru.id = r.run_id WHERE r.id = ?`,
  'results.ofRun': `SELECT r.*, ru.started_at FROM run_results r JOIN runs ru ON ru.id = r.run_id
    WHERE r.run_id = @runId AND r.scenario_id = @scenarioId AND (@name IS NULL OR r.name = @name) ORDER BY r.id LIMIT 1`,
  'results.history': `SELECT ${HISTORY_COLUMNS} FROM run_results r JOIN runs ru ON ru.id = r.run_id
    WHERE r.scenario_id = @scenarioId ORDER BY r.run_id DESC, r.id DESC LIMIT @limit`,
  'results.historyEntry': `SELECT ${HISTORY_COLUMNS} FROM run_results r JOIN runs ru ON ru.id = r.run_id WHERE r.id = ?`,
  'results.totals': 'SELECT status, count(*) AS n FROM run_results WHERE scenario_id = ? GROUP BY status',

  // sessions (record & replay)
  'sessions.save': `INSERT INTO sessions (id, started_at, flow_name, flow_sha256, scenario_id, body, saved_at)
    VALUES (@id, @startedAt, @flowName, @flowSha256, @scenarioId, @body, @now)
    ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, flow_name = excluded.flow_name,
      flow_sha256 = excluded.flow_sha256, scenario_id = excluded.scenario_id, body = excluded.body, saved_at = excluded.saved_at`,
  'sessions.byId': 'SELECT id, started_at, flow_name, flow_sha256, scenario_id, saved_at, body FROM sessions WHERE id = ?',
  'sessions.list': `SELECT id, started_at, flow_name, flow_sha256, scenario_id, saved_at FROM sessions
    ORDER BY started_at DESC, id LIMIT @limit OFFSET @offset`,
  'sessions.delete': 'DELETE FROM sessions WHERE id = ?',
} as const;

export type SqlName = keyof typeof SQL;
