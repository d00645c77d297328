// Package eval compiles a parsed SPL search (*ast.Query) into a Program and
// runs it over in-memory data-model tables (cim.Tables), giving the rows
// Splunk would give.
//
// Each command compiles to one stage. The first stage generates rows:
// tstats scans a columnar cim.Table, evaluating each where-clause
// comparison once per distinct dictionary value of its column and combining
// the answers as row bitmaps, then groups the surviving rows by the
// by-fields' dictionary codes; strings are materialised only for the output
// rows. Later stages (rename, convert, search) work on those result rows.
//
// Supported commands: tstats (from datamodel=...), rename, convert, and
// search after a row-producing command. Any other command is a compile
// error with its span ("command \"eval\" is not supported yet").
//
// Semantics follow spl_semantics.md; decisions the Splunk documentation
// does not settle are marked [U] (unconfirmed) or [I] (inferred) where they
// are made in the code.
//
// Example:
//
//	q, _ := parser.Parse(`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.* AS *`)
//	prog, err := eval.Compile(q, eval.Options{})
//	...
//	res, err := prog.Run(ctx, cim.Tables{"Endpoint.Processes": table})
package eval
