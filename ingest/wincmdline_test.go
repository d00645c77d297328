package ingest

import (
	"strings"
	"testing"
)

func TestCommandLineFuncs(t *testing.T) {
	tests := []struct {
		fn, in, want string
		ok           bool
	}{
		{"argv0", `"C:\Program Files\x.exe" -a b`, `"C:\Program Files\x.exe"`, true},
		{"argv_rest", `"C:\Program Files\x.exe" -a b`, `-a b`, true},
		{"argv0", `cmd.exe /c whoami`, `cmd.exe`, true},
		{"argv_rest", `cmd.exe /c  whoami`, `/c  whoami`, true},
		{"argv0", `  cmd.exe`, `cmd.exe`, true},
		{"argv_rest", `cmd.exe`, ``, false},
		{"argv0", `   `, ``, false},
		{"argv0", `"unclosed arg`, `"unclosed`, true},
		{"argv0", `&quot;C:\x.exe&quot; -p`, `&quot;C:\x.exe&quot;`, true},
		// the add-on's EVAL-process for 4688: the command line when its
		// first token has a backslash, else image + arguments
		{"process4688", `C:\Windows\System32\cmd.exe|cmd.exe /c whoami`, `C:\Windows\System32\cmd.exe /c whoami`, true},
		{"process4688", `C:\Program Files\a b\x.exe|x.exe -q`, `"C:\Program Files\a b\x.exe" -q`, true},
		{"process4688", `C:\Windows\x.exe|"C:\Windows\x.exe" -q`, `"C:\Windows\x.exe" -q`, true},
		{"process4688", `C:\Windows\x.exe|x.exe`, `C:\Windows\x.exe `, true},
		{"process4688", `C:\Windows\x.exe|  `, `C:\Windows\x.exe`, true},
		{"process4688", `no separator`, ``, false},
		{"digits", `%%1936`, `1936`, true},
		{"digits", `TokenElevationTypeDefault (1)`, `1`, true},
		{"digits", `1936`, ``, false},
		{"digits", `%%`, ``, false},
	}
	for _, tc := range tests {
		got, ok := applyFunc(tc.fn, tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s(%q) = %q, %v; want %q, %v", tc.fn, tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestSecurity4688Fields pins the fields the Windows add-on derives for
// 4688 that detections group by: parent_process is the parent's path,
// process ids stay hex, user is the subject's name without domain, and
// MandatoryLabel gives no process_integrity_level.
func TestSecurity4688Fields(t *testing.T) {
	evs, tabs, _, err := LoadEvents(t.Context(), []string{"testdata/events/security_4688.xml"}, Options{})
	if err != nil || len(evs) != 1 {
		t.Fatalf("%v, %d events", err, len(evs))
	}
	want := map[string]string{
		"parent_process": `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`, "parent_process_path": `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe`,
		"parent_process_name": "powershell.exe", "parent_process_id": "0x1acc", "process_id": "0x1a2c", "new_process_id": "0x1a2c",
		"new_process": `C:\Windows\System32\certutil.exe`, "process_exec": "certutil.exe", "user": "bob", "src_user": "bob",
		"src_nt_domain": "EXAMPLE", "subject": "A new process has been created", "Token_Elevation_Type": "%%1936",
		"Token_Elevation_Type_id": "1936", "ta_windows_action": "failure", "action": "allowed",
	}
	for f, w := range want {
		if v, _ := evs[0].Get(f); v != w {
			t.Errorf("%s = %q, want %q", f, v, w)
		}
	}
	for _, f := range []string{"process_integrity_level", "parent_process_exec"} {
		if v, ok := evs[0].Get(f); ok {
			t.Errorf("%s = %q, want none (the add-on sets none for 4688)", f, v)
		}
	}
	row := tabs["Endpoint.Processes"].Row(0)
	if row["parent_process"] != want["parent_process"] || row["process_integrity_level"] != "" {
		t.Errorf("Processes row: parent_process %q, process_integrity_level %q", row["parent_process"], row["process_integrity_level"])
	}
}

func FuzzProcess4688(f *testing.F) {
	f.Add(`C:\x.exe|"C:\x.exe" -a`)
	f.Add(`|`)
	f.Add(`"`)
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := process4688(s)
		if ok && !strings.Contains(s, "|") {
			t.Fatalf("value %q without separator", p)
		}
		commandLineSplit(s)
		digitsAfterPrefix(s)
	})
}

func TestHashFuncs(t *testing.T) {
	h := "SHA1=AA11,MD5=BB22,SHA256=CC33,IMPHASH=DD44"
	for fn, want := range map[string]string{"md5": "BB22", "sha1": "AA11", "sha256": "CC33", "imphash": "DD44"} {
		if got, ok := applyFunc(fn, h); !ok || got != want {
			t.Errorf("%s = %q, %v; want %q", fn, got, ok, want)
		}
	}
	if got, ok := applyFunc("md5", "SHA256=CC33"); ok {
		t.Errorf("md5 of a list without one = %q", got)
	}
}
