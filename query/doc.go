// Package query is spelunk's one way to compile and run a search.
//
// An Env is built once from configuration (Config: the content directory
// whose macros and lookups searches may use, extra macro files, lookup
// directories, data-model mappings, an output directory, a GeoIP database,
// the clock, the time zone and the limits). It compiles any search text,
// or a detection's search with its file position, through the single
// macro-expansion path (iseval and validation macros evaluated by
// spelunk's own evaluator) into a Search: expanded, parsed and planned.
//
// A Search knows what data it needs (Needs: raw events, data models, the
// filter its leading command applies to events). Env.Load reads logs for
// one or more searches — keeping only the raw events some search can keep,
// and only when one reads them — into Data, and Search.Exec runs the search
// over it. Search.Explain says which condition emptied a result; every
// Result carries the per-command profile.
//
// The CLI (cmd/spelunk), `spelunk test` (package detections), the
// examples and embedders all use this path:
//
//	env, err := query.New(query.Config{ContentDir: "security_content"})
//	s, err := env.Compile("| tstats count from datamodel=Endpoint.Processes by Processes.dest")
//	data, err := env.Load(ctx, []string{"logs/"}, s)
//	res, err := s.Exec(ctx, data)
//
// Errors of compiling are *SearchError, located where the offending text
// was written: in the query, the detection file, or the macro definition
// it was expanded from.
package query
