// Package spltest reads and runs .spltest scripts: SPL searches over
// small event lists with the rows they must return, as spelunk's own
// conformance suite (eval/testdata/conformance) holds them. Embedders run
// their own scripts with it.
//
// A script is line oriented; `#` starts a comment line and a blank line
// ends a block:
//
//	events                      # a new event list: one JSON object a line
//	{"user":"bob","_time":1}
//	{"user":"alice","_time":2}
//
//	case not bob                # a case over the current events
//	query search user!=bob      # the SPL; further lines continue it
//	fields user                 # optional: the exact columns, in order
//	expect                      # the rows, in order ("expect unordered")
//	{"user":"alice"}
//
// `dataset NAME` after an event list runs the cases below it over a
// data-model table built from the events (Program.Run) instead of over the
// events; `expect error CODE: text` expects an *eval.Error of that Code
// (`parse` for a parser error) whose text holds text; `lookup NAME opts`
// followed by CSV lines defines a lookup table for the cases after it.
// The full format is eval/testdata/conformance/README.md.
//
// Event values: a JSON string or number is a field holding its text (as
// fields read from data do; _time a number), an array a multivalue, null
// no field. Expected rows hold the non-null fields of each row, a value as
// its text and a multivalue as an array of strings.
//
// Every case whose search reads events runs through each input path a
// program has (see Path): the records, the events read on demand with
// column projection, and the events after the load-time prefilter (what
// the command line does), and must give the same rows, or the same error
// class, through each. Cases that read no events (makeresults, tstats
// over a dataset) run once.
//
// Use it from a test:
//
//	func TestMySearches(t *testing.T) {
//		n := spltest.RunDir(t, "testdata/searches", spltest.WithLookupsDir("testdata/lookups"))
//		t.Logf("%d cases", n)
//	}
package spltest
