/**
 * `compute` with its answers remembered, up to `max` keys; then the memory starts afresh.
 * Texts repeat within a workbook and across a batch, but a huge workbook must not grow it without end.
 */
export function remembered<V>(compute: (key: string) => V, max = 20000): (key: string) => V {
  const known = new Map<string, V>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as V;
    const answer = compute(key);
    if (known.size >= max) known.clear();
    known.set(key, answer);
    return answer;
  };
}
