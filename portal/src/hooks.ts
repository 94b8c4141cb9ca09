import { useEffect, useState } from "react";

/** The state of one asynchronous read. */
export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
}

const cache = new Map<string, Promise<unknown>>();

/** Forgets every cached read (after a transaction the page reads again). */
export function invalidate(): void {
  cache.clear();
}

/**
 * The read `key`: the one started already, else `fn`'s, started now and kept (cached for the session
 * until {@link invalidate}, forgotten if it fails). Several reads that need one value read it once.
 */
export function cached<T>(key: string, fn: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = fn();
    cache.set(key, p);
    const mine = p;
    p.catch(() => {
      if (cache.get(key) === mine) cache.delete(key);
    });
  }
  return p;
}

/**
 * Starts the read `key` now, before any component asks for it (the overview's first card is read
 * while React renders the page); {@link useLoad} with the same key then follows this read.
 */
export function prime<T>(key: string, fn: () => Promise<T>): void {
  void cached(key, fn);
}

/** Runs `fn` once per `key` (cached for the session until {@link invalidate}) and follows its state. */
export function useLoad<T>(key: string | null, fn: () => Promise<T>): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ loading: key !== null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let alive = true;
    const p = cached(key, fn);
    setState((s) => ({ data: s.data, loading: true }));
    p.then(
      (data) => alive && setState({ data, loading: false }),
      (error: unknown) =>
        alive &&
        setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
    return () => {
      alive = false;
    };
  }, [key, tick]);
  return {
    ...state,
    reload: () => {
      if (key !== null) cache.delete(key);
      setTick((t) => t + 1);
    },
  };
}
