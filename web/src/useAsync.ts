/** Loads data for a view, again whenever its key changes; a stale answer never replaces a newer one. */
import { useEffect, useState } from 'preact/hooks';

export type Async<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly error: unknown }
  | { readonly state: 'ready'; readonly value: T };

export function useAsync<T>(key: string, load: () => Promise<T>): Async<T> {
  const [result, setResult] = useState<{ key: string; value: Async<T> }>({
    key,
    value: { state: 'loading' },
  });
  useEffect(() => {
    let current = true;
    setResult({ key, value: { state: 'loading' } });
    load().then(
      (value) => current && setResult({ key, value: { state: 'ready', value } }),
      (error: unknown) => current && setResult({ key, value: { state: 'error', error } }),
    );
    return () => {
      current = false;
    };
    // The key names everything the load depends on.
  }, [key]);
  return result.key === key ? result.value : { state: 'loading' };
}
