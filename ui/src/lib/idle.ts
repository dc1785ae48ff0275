// The idle lock: after `minutes` without a key, a click or a pointer move,
// `onidle` runs (the app locks the store). Returns a function that stops it.
export function watchIdle(minutes: number, onidle: () => void, target: EventTarget = window): () => void {
  const ms = Math.max(1, minutes) * 60_000;
  let timer = setTimeout(onidle, ms);
  const reset = () => {
    clearTimeout(timer);
    timer = setTimeout(onidle, ms);
  };
  const events = ['keydown', 'pointerdown', 'pointermove', 'wheel'];
  for (const e of events) target.addEventListener(e, reset, { passive: true });
  return () => {
    clearTimeout(timer);
    for (const e of events) target.removeEventListener(e, reset);
  };
}
