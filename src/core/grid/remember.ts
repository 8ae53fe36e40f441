/**
 * `compute` of one text with its answers remembered, up to `max` texts; then the memory starts
 * afresh. Texts repeat within a workbook and across a batch, but a huge workbook must not grow
 * it without end.
 */
export function remembered<V>(compute: (text: string) => V, max = 20000): (text: string) => V {
  const known = new Map<string, V>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined || known.has(text)) return hit as V;
    const answer = compute(text);
    if (known.size >= max) known.clear();
    known.set(text, answer);
    return answer;
  };
}
