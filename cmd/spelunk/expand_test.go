package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeTree writes files (relative path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
}

func TestExpandAllGolden(t *testing.T) {
	content := t.TempDir()
	writeTree(t, content, map[string]string{
		"macros/m.yml":            "name: m\ndefinition: search x=1\n",
		"detections/a/one.yml":    "name: One\nsearch: '`m` | `get_asset(dest)`'\n",
		"detections/b/two.yml":    "name: Two\nsearch: '| `drop_dm_object_name(P)`'\n",
		"detections/b/three.yaml": "name: Three\nsearch: search y=1\n",
	})
	golden := filepath.Join(t.TempDir(), "golden")

	// Update writes one file per detection.
	code, out, errOut := spelunk(t, "", "expand", "--content", content, "--all", "--golden", golden, "--update")
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "one.yml:2:16: macro `get_asset(1)` ships with Splunk Enterprise Security")
	assert.Contains(t, errOut, "updated "+golden+" for 3 detections (0 changed, 3 new, 0 removed)")
	b, err := os.ReadFile(filepath.Join(golden, "one.spl"))
	require.NoError(t, err)
	assert.Equal(t, "search x=1 | spelunk_app_macro macro=\"get_asset(1)\" app=\"SA-IdentityManagement\"\n", string(b))

	// Unchanged: exit 0.
	code, out, errOut = spelunk(t, "", "expand", "--content", content, "--all", "--golden", golden)
	require.Equal(t, 0, code, errOut)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "3 expansions match")

	// A macro override changes one, a new detection is missing, one is
	// removed: exit 1 with unified diffs.
	override := filepath.Join(t.TempDir(), "macros.conf")
	writeTree(t, filepath.Dir(override), map[string]string{"macros.conf": "[m]\ndefinition = search x=2\n"})
	writeTree(t, content, map[string]string{"detections/b/four.yml": "name: Four\nsearch: search z=4\n"})
	require.NoError(t, os.Remove(filepath.Join(content, "detections", "b", "three.yaml")))
	code, out, errOut = spelunk(t, "", "expand", "--content", content, "--macros", override, "--all", "--golden", golden)
	require.Equal(t, 1, code, errOut)
	for _, want := range []string{
		"--- " + filepath.Join(golden, "one.spl") + "\n+++ " + filepath.Join(golden, "one.spl") + " (expanded)\n@@ -1,1 +1,1 @@\n-search x=1 |",
		"+search x=2 |",
		"--- /dev/null\n+++ " + filepath.Join(golden, "four.spl") + "\n@@ -0,0 +1,1 @@\n+search z=4\n",
		"--- " + filepath.Join(golden, "three.spl") + "\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-search y=1\n",
	} {
		assert.Contains(t, out, want)
	}
	assert.Contains(t, errOut, "3 of 4 expansions differ from "+golden+" (1 changed, 1 new, 1 removed); rerun with --update to accept")

	// A detection that fails to expand: exit 1, and --update keeps its file.
	writeTree(t, content, map[string]string{"detections/b/two.yml": "name: Two\nsearch: '| `nope`'\n"})
	code, _, errOut = spelunk(t, "", "expand", "--content", content, "--all", "--golden", golden, "--update")
	require.Equal(t, 1, code, errOut)
	assert.Contains(t, errOut, "two.yml:2:12: unknown macro `nope` (0 arguments)")
	assert.Contains(t, errOut, "1 detections failed to expand")
	_, err = os.Stat(filepath.Join(golden, "two.spl"))
	assert.NoError(t, err, "golden file of a failing detection was removed")
	_, err = os.Stat(filepath.Join(golden, "three.spl"))
	assert.True(t, os.IsNotExist(err), "golden file of a removed detection kept")
}

func TestExpandAllUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"expand", "--content", exampleContent, "--all"}, "--all needs --golden DIR"},
		{[]string{"expand", "--content", exampleContent, "--golden", "x"}, "--golden and --update need --all"},
		{[]string{"expand", "--content", exampleContent, "--update", "q"}, "--golden and --update need --all"},
		{[]string{"expand", "--all", "--golden", "x"}, "--all needs --content DIR"},
		{[]string{"expand", "--content", exampleContent, "--all", "--golden", "x", "search a"}, "give no QUERY or --detection"},
		{[]string{"expand", "--content", exampleContent}, "expand needs QUERY, --detection or --all --golden DIR"},
	} {
		t.Run(strings.Join(tc.args[1:], " "), func(t *testing.T) {
			code, _, errOut := spelunk(t, "", tc.args...)
			assert.Equal(t, 2, code, errOut)
			assert.Contains(t, errOut, tc.want)
		})
	}
}

// TestExpandAllCorpus pins that a stock security_content checkout expands
// completely: golden files for every detection, only app macro warnings.
func TestExpandAllCorpus(t *testing.T) {
	shared := sharedDir(t)
	if testing.Short() {
		t.Skip("corpus expansion skipped in -short mode")
	}
	golden := t.TempDir()
	code, _, errOut := spelunk(t, "", "expand", "--content", filepath.Join(shared, "content"), "--all", "--golden", golden, "--update")
	require.Equal(t, 0, code, errOut)
	for _, line := range strings.Split(strings.TrimSpace(errOut), "\n") {
		if !strings.HasPrefix(line, "spelunk: updated") {
			assert.Contains(t, line, "ships with", "unexpected stderr line")
		}
	}
	code, _, errOut = spelunk(t, "", "expand", "--content", filepath.Join(shared, "content"), "--all", "--golden", golden)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "expansions match")
}

func TestExpandAppMacroWarning(t *testing.T) {
	code, out, errOut := spelunk(t, "", "expand", "--content", exampleContent, "search a=1 | `get_identity4events(user)`")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "search a=1 | spelunk_app_macro macro=\"get_identity4events(1)\" app=\"SA-IdentityManagement\"\n", out)
	assert.Contains(t, errOut, "spelunk: warning: <query>:1:14: macro `get_identity4events(1)` ships with Splunk Enterprise Security (app SA-IdentityManagement), not with security_content; define it with --macros FILE")
}
