// Package macrotest pins macro expansions in golden files, so that a change
// to a macro (yours or security_content's) shows up as a diff in `go test`
// or in `spelunk expand --all --golden DIR`.
//
// A golden directory holds one file per search, <name>.spl, containing the
// expanded search and a final newline. For detections, name is the YAML
// file's stem (detections/endpoint/foo.yml → foo.spl).
//
// In your own tests:
//
//	var update = flag.Bool("update", false, "rewrite golden files")
//
//	func TestMacroExpansions(t *testing.T) {
//		macrotest.CheckDetections(t, "security_content", "testdata/golden",
//			macrotest.Options{Update: *update, Macros: []string{"local/macros.conf"}})
//	}
//
// Setting the environment variable SPELUNK_UPDATE_GOLDEN=1 has the effect
// of Update too.
package macrotest
