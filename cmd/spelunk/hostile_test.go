package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCLIHostileData runs searches over malformed files: the CLI never
// panics, exits 0 (bad records are data problems, not usage errors), and
// names the first skipped record with file:line on stderr.
func TestCLIHostileData(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"truncated.xml.log": "<Event xmlns='x'><System><EventID>1</EventID>\n" +
			"<Event><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID><TimeCreated SystemTime='garbage'/></System>" +
			"<EventData><Data Name='Image'>C:\\a.exe</Data></EventData></Event>\n" +
			"\x00\x01binary\xff\xfe\n" +
			"<Event><System><EventID>99999999999999999999</EventID></System><EventData><Data Name='a'>&#xFFFFFFFF;&bogus;</Data></EventData></Event>\n",
		"bad.json":  "{\"EventID\": 1,\n{\"Image\":",
		"bad.csv":   "a,b\n\"unterminated,1\n",
		"empty.log": "",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ file, skip string }{
		{"truncated.xml.log", "truncated.xml.log:1:"},
		{"bad.json", "bad.json:1:"},
		{"bad.csv", "bad.csv:2:"},
		{"empty.log", ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			for _, q := range []string{"* | stats count", "wmic earliest=-1d | table _time", "| tstats count from datamodel=Endpoint.Processes by Processes.dest"} {
				code, _, stderr := spelunk(t, "", "run", "--data", filepath.Join(dir, tc.file), q)
				if code != 0 {
					t.Errorf("%q: exit %d: %s", q, code, stderr)
				}
				if tc.skip != "" && !strings.Contains(stderr, tc.skip) {
					t.Errorf("%q: stderr does not name %s:\n%s", q, tc.skip, stderr)
				}
				if strings.Contains(stderr, "panic") || strings.Contains(stderr, "internal error") {
					t.Errorf("%q: %s", q, stderr)
				}
			}
		})
	}
}

// hostileCase is one hostile content directory, lookup or log and what the
// CLI must (not) do with it.
type hostileCase struct {
	name string
	// setup writes the hostile input under dir (outside is a directory the
	// input must not reach) and returns the command line.
	setup func(t *testing.T, dir, outside string) []string
	code  int      // wanted exit code
	want  []string // substrings of stdout+stderr
	never []string // substrings that must not appear in stdout+stderr
	// after checks the file system afterwards (nil: nothing to check).
	after func(t *testing.T, dir, outside string)
	// limitedOnly runs the case only in a child process
	// (TestCLIHostileInputsLimited): the memory watchdog may end the
	// process.
	limitedOnly bool
}

// escJSON is a JSON log whose value and field name carry terminal
// control sequences (set the window title, ring, clear the screen, colour),
// then a malformed line that starts with one.
const escJSON = "{\"a\":\"\\u001b]0;pwned\\u0007x\\u001b[2J\", \"\\u001b[31mkey\":\"v\"}\n\x1b[2J{\"bad\n"

// terminalControls are characters that must never reach the terminal raw.
func terminalControls() []string { return []string{"\x1b", "\x07", "\u009b", "\u202e"} }

// hostileCases are the inputs a pull request or an attacker's log can
// give: symbolic links leaving the directories spelunk reads and writes,
// file names that are not lookups, and terminal control sequences.
func hostileCases() []hostileCase {
	return []hostileCase{
		{
			name: "golden write through a symbolic link",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{
					"content/detections/evil.yml": "name: Evil\nsearch: '| makeresults | eval x=\"chosen by the author\"'\n",
					"golden/keep.txt":             "",
				})
				require.NoError(t, os.WriteFile(filepath.Join(outside, "victim"), []byte("keep\n"), 0o644))
				require.NoError(t, os.Symlink(filepath.Join(outside, "victim"), filepath.Join(dir, "golden", "evil.spl")))
				return []string{"expand", "--content", filepath.Join(dir, "content"), "--all", "--golden", filepath.Join(dir, "golden"), "--update"}
			},
			code: 2,
			want: []string{"evil.spl is a symbolic link; refusing to write through it"},
			after: func(t *testing.T, dir, outside string) {
				b, err := os.ReadFile(filepath.Join(outside, "victim"))
				require.NoError(t, err)
				assert.Equal(t, "keep\n", string(b), "written through the link")
			},
		},
		{
			name: "content lookups/ is a symbolic link to outside",
			setup: func(t *testing.T, dir, outside string) []string {
				require.NoError(t, os.WriteFile(filepath.Join(outside, "passwd"), []byte("root:x:0:0:secret\n"), 0o644))
				require.NoError(t, os.Symlink(outside, filepath.Join(dir, "lookups")))
				return []string{"run", "--content", dir, "| inputlookup passwd"}
			},
			code:  2,
			want:  []string{"lookups is a symbolic link that leads outside the content directory"},
			never: []string{"secret"},
		},
		{
			name: "inputlookup of a file that is not a lookup",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{"lookups/passwd": "root:x:0:0:secret\n"})
				return []string{"run", "--content", dir, "| inputlookup passwd"}
			},
			code:  2,
			want:  []string{"unknown lookup passwd"},
			never: []string{"secret"},
		},
		{
			name: "lookup definition naming a file that is not a lookup",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{
					"lookups/passwd":     "root:x:0:0:secret\n",
					"lookups/shadow.yml": "name: shadow\nfilename: passwd\n",
				})
				return []string{"run", "--content", dir, "| inputlookup shadow"}
			},
			code:  2,
			want:  []string{`file "passwd", which is not a plain .csv file name`},
			never: []string{"secret"},
		},
		{
			name: "lookup file linked to outside",
			setup: func(t *testing.T, dir, outside string) []string {
				require.NoError(t, os.WriteFile(filepath.Join(outside, "s.csv"), []byte("a\nsecret\n"), 0o644))
				require.NoError(t, os.MkdirAll(filepath.Join(dir, "lookups"), 0o755))
				require.NoError(t, os.Symlink(filepath.Join(outside, "s.csv"), filepath.Join(dir, "lookups", "s.csv")))
				return []string{"run", "--content", dir, "| inputlookup s.csv"}
			},
			code:  2,
			never: []string{"secret"},
		},
		{
			name: "attack data linked to outside the mirror",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{
					"content/detections/leak.yml": "name: Leak\nid: 11111111-1111-1111-1111-111111111111\ntype: TTP\nstatus: production\n" +
						"search: '* | table Image'\ntests:\n- name: True Positive Test\n  attack_data:\n" +
						"  - data: https://media.githubusercontent.com/media/splunk/attack_data/master/x.log\n" +
						"    sourcetype: xmlwineventlog\n",
				})
				require.NoError(t, os.WriteFile(filepath.Join(outside, "x.log"), []byte("<Event><System><EventID>1</EventID></System>"+
					"<EventData><Data Name='Image'>secret.exe</Data></EventData></Event>\n"), 0o644))
				require.NoError(t, os.MkdirAll(filepath.Join(dir, "mirror"), 0o755))
				require.NoError(t, os.Symlink(filepath.Join(outside, "x.log"), filepath.Join(dir, "mirror", "x.log")))
				return []string{"test", "--content", filepath.Join(dir, "content"), "--attack-data", filepath.Join(dir, "mirror")}
			},
			code:  1,
			want:  []string{"attack data path leaves the attack-data directory", "a symbolic link leads outside"},
			never: []string{"secret.exe"},
		},
		{
			name: "ESC and BEL in a field value printed as a table",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{"x.json": escJSON})
				return []string{"run", "--data", filepath.Join(dir, "x.json"), "* | table a *key"}
			},
			want:  []string{`\x1b]0;pwned\x07x\x1b[2J`, `\x1b[31mkey`, `x.json:2: not a JSON object`},
			never: terminalControls(),
		},
		{
			name: "ESC in a value stays exact in JSON output",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{"x.json": escJSON})
				return []string{"run", "--format", "json", "--data", filepath.Join(dir, "x.json"), "* | table a"}
			},
			want:  []string{`{"a":"\u001b]0;pwned\u0007x\u001b[2J"}`},
			never: terminalControls(),
		},
		{
			name: "ESC in a detection name in detect's text output",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{
					"x.json": escJSON,
					"content/detections/e.yml": "name: \"Evil\\e]0;title\\a\"\nid: 11111111-1111-1111-1111-111111111111\n" +
						"type: TTP\nstatus: production\nsearch: '* | eval m=a | table m'\n",
				})
				return []string{"detect", "--content", filepath.Join(dir, "content"), "--data", filepath.Join(dir, "x.json")}
			},
			want:  []string{`== Evil\x1b]0;title\x07 (`, `1  Evil\x1b]0;title\x07 (TTP`, `\x1b]0;pwned\x07x\x1b[2J`},
			never: terminalControls(),
		},
		{
			name: "ESC in an error that quotes a content file name",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{"lookups/\x1b[2J\u202e.yml": "name: [unclosed\n"})
				return []string{"run", "--content", dir, "| makeresults"}
			},
			code:  2,
			want:  []string{`\x1b[2J\u202e.yml`},
			never: terminalControls(),
		},
		{
			name: "content macros/ is a symbolic link to outside",
			setup: func(t *testing.T, dir, outside string) []string {
				require.NoError(t, os.WriteFile(filepath.Join(outside, "m.yml"), []byte("name: m\ndefinition: secret\n"), 0o644))
				require.NoError(t, os.Symlink(outside, filepath.Join(dir, "macros")))
				return []string{"run", "--content", dir, "| makeresults | eval x=\"`m`\""}
			},
			code:  2,
			want:  []string{"macros is a symbolic link that leads outside the content directory"},
			never: []string{"secret"},
		},
		{
			name: "outputlookup through a symbolic link in --output-dir",
			setup: func(t *testing.T, dir, outside string) []string {
				require.NoError(t, os.WriteFile(filepath.Join(outside, "victim.csv"), []byte("keep\n"), 0o644))
				require.NoError(t, os.Symlink(filepath.Join(outside, "victim.csv"), filepath.Join(dir, "x.csv")))
				return []string{"run", "--output-dir", dir, "| makeresults | eval a=\"chosen\" | outputlookup x.csv"}
			},
			code: 2,
			want: []string{"symbolic link"},
			after: func(t *testing.T, dir, outside string) {
				b, err := os.ReadFile(filepath.Join(outside, "victim.csv"))
				require.NoError(t, err)
				assert.Equal(t, "keep\n", string(b), "written through the link")
			},
		},
		{
			name: "memory-hungry search stopped by --max-memory",
			setup: func(t *testing.T, dir, outside string) []string {
				return []string{"run", "--max-memory", "128M", hungrySearch}
			},
			code:        2,
			want:        []string{"the memory in use (", "passed the limit of 128 MiB; raise it with --max-memory"},
			limitedOnly: true,
		},
		{
			name: "memory-hungry detection stopped by --max-memory",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{
					"x.json": "{\"a\":1}\n",
					"content/detections/hungry.yml": "name: Hungry\nid: 11111111-1111-1111-1111-111111111111\ntype: TTP\nstatus: production\n" +
						"search: '" + hungrySearch + "'\n",
				})
				return []string{"detect", "--max-memory", "128MiB", "--content", filepath.Join(dir, "content"), "--data", filepath.Join(dir, "x.json")}
			},
			code:        2,
			want:        []string{"the memory in use (", "passed the limit of 128 MiB; raise it with --max-memory"},
			limitedOnly: true,
		},
		{
			name: "one event of 40000 fields with 20000 of one name",
			setup: func(t *testing.T, dir, outside string) []string {
				var b strings.Builder
				b.WriteString("<Event><System><Provider Name='Microsoft-Windows-Sysmon'/><EventID>1</EventID>" +
					"<TimeCreated SystemTime='2024-05-14T08:00:00.000Z'/><Computer>h1</Computer></System><EventData>")
				for i := range 20000 {
					fmt.Fprintf(&b, "<Data Name='Image'>C:\\x%d.exe</Data><Data Name='f%d'>v</Data>", i, i)
				}
				b.WriteString("</EventData></Event>\n")
				writeTree(t, dir, map[string]string{"many.xml.log": b.String()})
				return []string{"run", "--data", filepath.Join(dir, "many.xml.log"), "* | eval n=mvcount(Image) | table n"}
			},
			want: []string{"20000", "(1 result)"},
		},
		{
			name: "reading logs past a tiny --max-memory",
			setup: func(t *testing.T, dir, outside string) []string {
				writeTree(t, dir, map[string]string{"x.json": strings.Repeat("{\"a\":1}\n", 1000)})
				return []string{"events", "--max-memory", "1K", filepath.Join(dir, "x.json")}
			},
			code: 2,
			want: []string{"reading logs: the memory in use (", "passed the limit of 1 KiB; raise it with --max-memory"},
			// In the test process the heap is already past any tiny limit,
			// and the overrun backstop would end the process.
			limitedOnly: true,
		},
		{
			name: "--max-memory that is not a size",
			setup: func(t *testing.T, dir, outside string) []string {
				return []string{"run", "--max-memory", "lots", "| makeresults"}
			},
			code: 2,
			want: []string{`--max-memory: "lots" is not a size`},
		},
	}
}

// hungrySearch makes two million rows of long values, several hundred MB.
const hungrySearch = "| makeresults count=2000000 | eval a=random() | eval b=a.a.a.a"

// TestCLIHostileInputs runs the CLI over each hostile case.
func TestCLIHostileInputs(t *testing.T) {
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			if tc.limitedOnly {
				t.Skip("runs in a child process only (TestCLIHostileInputsLimited)")
			}
			dir, outside := t.TempDir(), t.TempDir()
			args := tc.setup(t, dir, outside)
			code, stdout, stderr := spelunk(t, "", args...)
			all := stdout + stderr
			assert.Equal(t, tc.code, code, all)
			for _, w := range tc.want {
				assert.Contains(t, all, w)
			}
			for _, n := range tc.never {
				assert.NotContains(t, all, n)
			}
			if tc.after != nil {
				tc.after(t, dir, outside)
			}
		})
	}
}
