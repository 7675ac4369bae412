package digest

// RenderVersion is the version of the renderer's output. Bump it whenever
// a change to rendering should reach briefs already stored: on its first
// start after the bump the daemon re-renders and reindexes the briefs of
// the stories within the window, sending nothing.
const RenderVersion = 1
