// Package sqltest holds what the differential tests of the SQL engines
// share: small synthetic tables, events and lookups with the cases where
// SQL and Splunk part ways, the searches run over them, and the runner that
// compares an engine's rows for a compiled search with the interpreter's.
//
// The engines (sqlgen/duckrun on embedded DuckDB, sqlgen/chserver on a
// ClickHouse server) implement Engine; their tests call Differ, or
// Corpus for every detection of the shared content.
package sqltest
