// Package sqlgen compiles a parsed search (an ast.Query after macro
// expansion) into one SQL statement over tables that hold the CIM
// data-model datasets, for DuckDB and ClickHouse.
//
// # Tables
//
// Each dataset is a table named after it, "Endpoint.Processes" (a quoted
// identifier), with one column per field under the field's name without
// the dataset prefix ("process_name", as package cim stores it; a
// child-owned field keeps its path, "SSL.ssl_issuer"), plus:
//
//	_time       DOUBLE   epoch seconds (fractions kept), as cim.Table.Times
//	_seq        BIGINT   the row's position in its table (ingestion order);
//	                     earliest()/latest() break _time ties with it
//	host, source, sourcetype, index   VARCHAR
//
// Every other column is VARCHAR, null where the row has no value, except
// the fields the data model declares multivalue (tag, dest_category,
// process_hash, ...), which are VARCHAR[] lists (Parquet LIST of string;
// sqlgen/duckrun.IsList) read with Splunk's multivalue semantics:
// field=value and the relations hold when any value does, != when none
// does, tstats by such a field puts the row in the group of each value,
// count(f) counts values, values()/dc() see each value. In ClickHouse a
// list is an Array(String), the empty array standing for no value. The
// generator assumes
// every field the data model declares is a column (sqlgen/duckrun.Columns
// lists them), so a dataset without rows still answers.
//
// Raw events (a search that starts with search rather than tstats) are
// the table "events" (EventsTable): _time, _seq (the order a search reads
// events in, newest first), _raw, and _fields, a MAP(VARCHAR, VARCHAR[])
// of every other field (host, source, sourcetype, index, eventtype, tag
// and the extracted fields) to its values; ClickHouse, which has no Map
// before 21.x, has instead _fields_keys Array(String), the field names,
// and _fields_values Array(Array(String)), their values (docs/sql.md). Every
// event field is therefore a multivalue: field=value holds when any value
// matches, stats by a field puts the event in the group of each value,
// count(f) counts values. Bare keywords match _raw as Splunk's
// segmentation does (a regular expression with the default breakers).
// Such a search compiles when it reaches stats or table through search,
// where, eval, head, bin, rename (no wildcards) and fillnull (named
// fields) only.
//
// # Values
//
// Splunk values are strings that act as numbers when they read as decimal
// numbers. The generator tracks a kind per column: string columns
// (VARCHAR), number columns (DOUBLE or BIGINT: _time, counts, sums) and
// multivalue columns (lists: values()). A string that is a decimal number
// (sign, digits, fraction, exponent; no spaces, hex, inf or nan) is read as
// a number wherever Splunk would compare or compute numerically. Numbers
// become text as Splunk prints them: integers without a fraction, other
// numbers in their shortest form (non-integers below 1e-4 or above 1e15 may
// print in exponent form where Splunk does not).
//
// # Semantics kept
//
//   - field=value in search syntax (tstats where, search): whole-value,
//     case-insensitive, '*' matches any run; a CIDR value matches IPv4
//     addresses in the subnet or the CIDR text; field=* means the field has
//     a value; field!=v needs a value; NOT includes rows lacking the field;
//     a multivalue matches = when any value does, != when none does.
//   - eval and where: comparisons are numeric when both sides are numbers
//     (numeric strings of fields included), else bytewise and
//     case-sensitive; null propagates as SQL's three-valued logic, which is
//     Splunk's (null AND false is false).
//   - ordering: by-fields of tstats and stats, sort: numbers numerically
//     before strings bytewise, rows lacking the key last; the pipeline's
//     row order is carried in a hidden column (__r) so head, dedup and the
//     final ORDER BY see Splunk's order.
//   - spans on _time are aligned to UTC midnight (the generator compiles
//     for UTC; Options.Location other than UTC is refused for day spans).
//
// # ClickHouse
//
// The ClickHouse dialect writes SQL that servers back to 18.16 run:
// stages as subqueries rather than common table expressions, row numbers
// from rowNumberInAllBlocks over a sorted subquery and LIMIT BY rather than
// window functions, 1 and 0 for TRUE and FALSE, AND and OR spelled out in
// three-valued logic, lookup as a join (a cross join with the pieces of
// WILDCARD values matched one after the other) rather than correlated
// subqueries; docs/sql.md lists what old servers lack, and sqlgen/chserver
// runs the SQL on a server.
//
// Anything that cannot be expressed faithfully is refused at compile time
// with an *Error carrying a diag code and the span of the offending text.
package sqlgen
