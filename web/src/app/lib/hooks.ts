import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql.ts';
import { execute, type ExecuteOptions } from './graphql.ts';

export interface QueryState<R> {
  data: R | undefined;
  error: unknown;
  loading: boolean;
  /** Runs the query again; keeps the old data on screen meanwhile. */
  refetch(): Promise<void>;
}

/** Runs a query when mounted and whenever its variables change. */
export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V, options: ExecuteOptions & { skip?: boolean; pollMs?: number } = {}): QueryState<R> {
  const [state, setState] = useState<{ data?: R; error?: unknown; loading: boolean }>({ loading: !options.skip });
  const key = JSON.stringify(variables ?? {});
  const seq = useRef(0);
  const run = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await execute(document, JSON.parse(key) as V, { anonymous: options.anonymous });
      if (mine === seq.current) setState({ data, loading: false });
    } catch (error) {
      if (mine === seq.current) setState((s) => ({ data: s.data, error, loading: false }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key, options.anonymous]);
  useEffect(() => {
    if (options.skip) return;
    void run();
    if (!options.pollMs) return;
    const timer = setInterval(() => void run(), options.pollMs);
    return () => clearInterval(timer);
  }, [run, options.skip, options.pollMs]);
  return { data: state.data, error: state.error, loading: state.loading, refetch: run };
}

export interface MutationState<R> {
  loading: boolean;
  error: unknown;
  data: R | undefined;
  reset(): void;
}

/** A mutation to run on demand; `run` resolves with the data or undefined (the error is in the state). */
export function useMutation<R, V>(document: TypedDocumentString<R, V>): [(variables: V) => Promise<R | undefined>, MutationState<R>] {
  const [state, setState] = useState<{ loading: boolean; error?: unknown; data?: R }>({ loading: false });
  const run = useCallback(
    async (variables: V) => {
      setState({ loading: true });
      try {
        const data = await execute(document, variables);
        setState({ loading: false, data });
        return data;
      } catch (error) {
        setState({ loading: false, error });
        return undefined;
      }
    },
    [document],
  );
  return [run, { loading: state.loading, error: state.error, data: state.data, reset: () => setState({ loading: false }) }];
}

/** The value after it stopped changing for `ms` (for live quotes while typing). */
export function useDebounced<T>(value: T, ms: number): T {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setOut(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return out;
}

/** Sets the document title (and description) for the current screen. */
export function useTitle(title: string, description?: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Startales` : 'Startales';
    if (description) document.querySelector('meta[name="description"]')?.setAttribute('content', description);
  }, [title, description]);
}
