import { createContext, useContext } from "react";
import type { Lessons } from "./lessons";

export const LessonsContext = createContext<Lessons | null>(null);

/** The lesson controller; views are rendered inside LessonsContext.Provider (main.tsx). */
export function useLessons(): Lessons {
  const lessons = useContext(LessonsContext);
  if (lessons === null) throw new Error("useLessons outside LessonsContext.Provider");
  return lessons;
}
