// Package serve is spelunk's local search app: a single-page search UI
// and a JSON API over data loaded once.
//
// New builds a Server from a query.Env (its clock already set, usually to
// the data's latest _time plus one second), the loaded query.Data and,
// optionally, a detections.Content and an attack_data mirror. The Server
// is an http.Handler:
//
//	GET  /                 the page (embedded HTML, CSS and JavaScript, no build step)
//	POST /api/search       {"search": SPL, "detection": ID?} → fields, rows, profile
//	                       (Accept: application/x-ndjson: one row per line, then {"summary": ...})
//	POST /api/expand       {"search": SPL} → the expanded text and the macro calls
//	POST /api/parse        {"search": SPL} → canonical SPL and the macro calls, or the error
//	POST /api/explain      {"search": SPL} → query.Explanation
//	GET  /api/detections   the content's detections: data sources, runnable or why not
//	POST /api/test         {"id": ID} → the detection's unit-test verdicts (needs the mirror)
//
// An invalid search is 400 with {"error": {"message", "line", "col",
// "code", ...}}: the message the CLI prints, the position of the offending
// text in the search box (a problem inside a macro's definition is placed
// at the call of the outermost macro, and its file position given too).
//
// Safety: no endpoint names a file; searches read only the loaded data and
// the lookups the Env was built with. Request bodies, returned rows and
// search time are bounded by Limits; a search stops when its request's
// context ends (the tab closed, the fetch aborted) or its time is up.
package serve
