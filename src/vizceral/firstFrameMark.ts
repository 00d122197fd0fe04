/**
 * User-timing mark (`performance.mark`) at the end of a map's first frame drawn with a laid-out
 * view and data: what a viewer of an incident link waits for (benchmarks, real-user monitoring).
 * A map made again (back from the table view) marks again; the page's first is the first entry.
 * In a module of its own: the benchmark and the end-to-end specs read it without React.
 */
export const FIRST_FRAME_MARK = 'traffic-map:first-frame';
