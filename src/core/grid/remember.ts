/**
 * `compute` with its answers remembered by `keyOf` of the arguments (the first one by default),
 * up to `max` keys; then the memory starts afresh. Texts repeat within a workbook and across a
 * batch, but a huge workbook must not grow it without end.
 */
export function remembered<A extends unknown[], V>(compute: (...args: A) => V, keyOf: (...args: A) => string = (...args) => String(args[0]), max = 20000): (...args: A) => V {
  const known = new Map<string, V>();
  return (...args) => {
    const key = keyOf(...args);
    const hit = known.get(key);
    if (hit !== undefined || known.has(key)) return hit as V;
    const answer = compute(...args);
    if (known.size >= max) known.clear();
    known.set(key, answer);
    return answer;
  };
}
