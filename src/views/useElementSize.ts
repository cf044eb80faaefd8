import { type RefObject, useEffect, useRef, useState } from "react";

export interface ElementSize {
  width: number;
  height: number;
}

/** The content size of an element, kept up to date with a ResizeObserver (whole pixels). */
export function useElementSize<T extends HTMLElement>(): [RefObject<T | null>, ElementSize | null] {
  const ref = useRef<T | null>(null);
  const [size, setSize] = useState<ElementSize | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const update = () => {
      const width = Math.round(el.clientWidth);
      const height = Math.round(el.clientHeight);
      setSize((old) =>
        old !== null && old.width === width && old.height === height ? old : { width, height },
      );
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}
