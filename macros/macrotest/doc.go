// Package macrotest pins macro expansions in golden files, so that a change
// to a macro (yours or security_content's) shows up as a diff in `go test`
// or in `spelunk expand --all --golden DIR`.
//
// A golden directory holds one file per search, <name>.spl, containing the
// expanded search and a final newline. For detections, name is the YAML
// file's stem (detections/endpoint/foo.yml → foo.spl).
//
// In your own tests, pin searches expanded with a macro library:
//
//	var update = flag.Bool("update", false, "rewrite golden files")
//
//	func TestMacroExpansions(t *testing.T) {
//		macrotest.Golden(t, lib, "testdata/golden", map[string]string{
//			"wmi": "`sysmon` EventCode=1 `process_wmic`",
//		}, macrotest.Options{Update: *update})
//	}
//
// Every detection of a content directory is pinned with
// detections/detectiontest.CheckDetections, which expands through the same
// path as spelunk itself (package query).
//
// Setting the environment variable SPELUNK_UPDATE_GOLDEN=1 has the effect
// of Update too.
package macrotest
