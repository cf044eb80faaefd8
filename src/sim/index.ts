/**
 * The public surface of the simulation core: what the CLI, the worker, tests and benchmarks use.
 * Everything else under src/sim is internal to the core.
 */

export {
  type ConsistencyReport,
  checkConsistency,
  type HistoryOp,
  historyOps,
  type StaleReadDetail,
} from "./check/consistency";
export {
  type EventType,
  type History,
  HistoryError,
  type HistoryEvent,
  type HistoryFormat,
  type Operation as HistoryOperation,
  type OpFunction,
  pairOperations,
  parseHistory,
  type ReadHistory,
  readHistory,
  type Value,
} from "./check/history";
export {
  CheckError,
  type CheckOptions,
  type CheckResult,
  checkLinearizability,
  describeOp,
  type KeyResult,
  MODEL_NAMES,
  type ModelName,
  type Placement as LinearizationPlacement,
  showValue,
  type Verdict,
  type Witness,
} from "./check/linearizability";
export {
  type KeyReport,
  type LostWrite,
  lostWrites,
  type ReplicationReport,
  replicationReport,
  type StaleRead,
  staleReads,
} from "./check/versions";
export type { RpcCounts } from "./client/rpc";
export { Rng } from "./core/rng";
export type { Envelope, Operation, Outcome } from "./core/simulation";
export { dropReasonNames, type Trace, type TraceEvent, type TraceKindName } from "./core/trace";
export { msToTicks, TICKS_PER_MS, ticksToMs } from "./core/types";
export { type Msg, type MsgType, messageFamily } from "./dynamo/messages";
export type { NodeSummary } from "./dynamo/node";
export {
  changeMembership,
  DEFAULT_PARTITIONING,
  describePartitioning,
  keySpaceShares,
  type MembershipChange,
  metadataBytesPerNode,
  NODE_ID_BYTES,
  type Partitioning,
  type PartitioningStrategy,
  type Placement,
  placeNodes,
  randomTokens,
  ringOfPlacement,
  TOKEN_BYTES,
} from "./dynamo/partitioning";
export {
  keyPosition,
  partitionStart,
  positionToUnit,
  Ring,
  type RingOptions,
  type RingRouting,
  type RingToken,
  unitToPosition,
} from "./dynamo/ring";
export { type ConflictMode, isSiblingsValue } from "./dynamo/versioning";
export {
  formatInterval,
  formatSeeds,
  type Interval,
  interval,
  parseSeeds,
  SEEDS_MAX,
  tQuantile975,
} from "./experiments/aggregate";
export {
  aggregate,
  CDF_NINES,
  EXPERIMENT_NAMES,
  EXPERIMENTS,
  type ExperimentName,
  type ExperimentRun,
  type ExperimentSpec,
  type ExperimentSummary,
  isExperimentName,
  type OpenableRun,
  type SeedRun,
} from "./experiments/experiments";
export {
  fractionMoved,
  type KeysMovedOptions,
  type KeysMovedResult,
  type KeysMovedRow,
  keysMovedExperiment,
} from "./experiments/keysMoved";
export { ExperimentError, openableRuns, runExperiment } from "./experiments/labRuns";
export {
  checkParams,
  defaultParams,
  formatParam,
  type ParamSpec,
  type Params,
  type ParamValue,
  parseParam,
  readParams,
} from "./experiments/params";
export {
  binomial,
  closedFormStaleness,
  DEFAULT_CURVE_MS,
  PBS_TABLE4,
  type StalenessOptions,
  type StalenessResult,
  stalenessExperiment,
  WARS_MODEL_NAMES,
  WARS_MODELS,
  type WarsModel,
  type WarsModelName,
} from "./experiments/staleness";
export {
  loadBalancingEfficiency,
  type StrategiesOptions,
  type StrategiesResult,
  type StrategiesRow,
  strategiesExperiment,
} from "./experiments/strategies";
export {
  TABLE2_PAPER,
  type Table2Mode,
  type Table2Options,
  type Table2Result,
  table2Defaults,
  table2Experiment,
  table2Mode,
  table2Result,
  table2Scenario,
} from "./experiments/table2";
export { SHIVIZ_PARSER, shivizEvents, shivizLog, type VectorClock } from "./export/shiviz";
export {
  type CollectedTrace,
  collectTrace,
  type TraceRecord,
  traceJson,
} from "./export/traceExport";
export { describeIntervention } from "./faults/interventions";
export {
  inspectKey,
  inspectNode,
  type KeyDetail,
  keysHeld,
  type MerkleInfo,
  type NodeDetail,
  type PendingRequest,
  type StoredKey,
  type VersionInfo,
  type VersionNode,
} from "./inspect";
export { lessonById, lessons } from "./lessons/catalog";
export { conditionHolds } from "./lessons/conditions";
export { describeCondition } from "./lessons/describe";
export {
  actionsUpTo,
  LessonError,
  type LessonPlan,
  planLesson,
  replayToStep,
  type StepPlan,
} from "./lessons/plan";
export type { Condition, HandlerRef, Lesson, LessonStep, Wait } from "./lessons/types";
export type { Stats } from "./metrics/stats";
export { describeLatency, type LatencyDist } from "./net/latency";
export { type RequestRoute, type RouteHop, type RouteWait, requestRoute } from "./route";
export {
  type DynamoSimulation,
  InterventionError,
  namesIn,
  placementOf,
  Run,
  type RunOptions,
  type RunSummary,
  ringOf,
} from "./run";
export {
  isPreset,
  type Preset,
  presetNames,
  presetScenario,
  presets,
} from "./scenario/presets";
export {
  clientNames,
  type Intervention,
  type InterventionInput,
  interventionSchema,
  type LiveIntervention,
  LOAD_BALANCER_NAME,
  nodeNames,
  type ParseResult,
  parseScenario,
  SCENARIO_VERSION,
  type Scenario,
  ScenarioError,
  type ScenarioInput,
  scenarioFrom,
} from "./scenario/schema";
