/**
 * The light surface of the core, for the app's main thread: the preset catalogue, message
 * families and the ring's pure key math (MD5 positions, preference lists), without the simulator
 * or the scenario validator (which load in the worker only).
 */

export { type MessageFamily, messageFamily } from "./dynamo/messages";
export {
  keyPosition,
  partitionStart,
  positionToUnit,
  Ring,
  unitToPosition,
} from "./dynamo/ring";
export { lessonById, lessons } from "./lessons/catalog";
export { describeCondition } from "./lessons/describe";
export type { Condition, HandlerRef, Lesson, LessonStep } from "./lessons/types";
export { isPreset, type Preset, presetNames, presets } from "./scenario/catalog";
