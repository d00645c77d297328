// Package detectiontest pins the macro expansion of every detection of a
// security_content directory in golden files, so that a change to a macro
// (yours or security_content's) shows up as a diff in `go test`, as
// `spelunk expand --all --golden DIR` shows it on the command line.
//
// A golden directory holds one file per detection, <stem>.spl (the YAML
// file's stem: detections/endpoint/foo.yml → foo.spl), containing the
// expanded search and a final newline. Searches expand through package
// query, the path spelunk compiles them with (iseval macros included).
//
//	var update = flag.Bool("update", false, "rewrite golden files")
//
//	func TestMacroExpansions(t *testing.T) {
//		detectiontest.CheckDetections(t, "security_content", "testdata/golden",
//			detectiontest.Options{Update: *update, Macros: []string{"local/macros.conf"}})
//	}
//
// Setting the environment variable SPELUNK_UPDATE_GOLDEN=1 has the effect
// of Update too. Pinning searches with a macro library alone is package
// macros/macrotest.
package detectiontest
