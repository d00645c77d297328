package detections

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/ingest"
)

func TestResolveAttackData(t *testing.T) {
	const dir = "mirror"
	ok := []struct{ data, want string }{
		{"https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/a/b.log", "mirror/datasets/a/b.log"},
		{"https://raw.githubusercontent.com/splunk/attack_data/master/datasets/a/b.log", "mirror/datasets/a/b.log"},
		{"https://github.com/splunk/attack_data/raw/master/datasets/a/b.log", "mirror/datasets/a/b.log"},
		{"datasets/a/./b.log", "mirror/datasets/a/b.log"},
		{" https://raw.githubusercontent.com/splunk/attack_data/master/x.log?raw=true ", "mirror/x.log"},
	}
	for _, c := range ok {
		got, err := ResolveAttackData(dir, c.data)
		require.NoError(t, err, c.data)
		assert.Equal(t, filepath.FromSlash(c.want), got, c.data)
	}
	bad := []string{
		"https://media.githubusercontent.com/media/splunk/attack_data/master/../../etc/passwd",
		"https://raw.githubusercontent.com/splunk/attack_data/master/datasets/../../x",
		"../outside.log",
		"datasets/..",
		"/etc/passwd",
		`datasets\..\..\x`,
		"https://example.com/evil.log",
		"file:///etc/passwd",
		"",
	}
	for _, b := range bad {
		_, err := ResolveAttackData(dir, b)
		assert.ErrorIs(t, err, ErrPathEscape, b)
	}
}

// TestResolveAttackDataSymlinkEscape: a symbolic link in the mirror that
// leads outside it (a file or a directory on the way) is rejected; one
// that stays inside is followed.
func TestResolveAttackDataSymlinkEscape(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.log"), []byte("secret"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "datasets", "real"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "datasets", "real", "a.log"), []byte("a"), 0o644))
	require.NoError(t, os.Symlink(filepath.Join(outside, "secret.log"), filepath.Join(dir, "datasets", "file.log")))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "datasets", "out")))
	require.NoError(t, os.Symlink("real", filepath.Join(dir, "datasets", "in")))
	const prefix = "https://media.githubusercontent.com/media/splunk/attack_data/master/"
	for _, bad := range []string{prefix + "datasets/file.log", prefix + "datasets/out/secret.log", "datasets/out/missing.log"} {
		_, err := ResolveAttackData(dir, bad)
		assert.ErrorIs(t, err, ErrPathEscape, bad)
	}
	got, err := ResolveAttackData(dir, prefix+"datasets/in/a.log")
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "datasets", "in", "a.log"), got)
	got, err = ResolveAttackData(dir, "datasets/missing.log")
	require.NoError(t, err, "a missing file is returned, to be skipped")
	assert.Equal(t, filepath.Join(dir, "datasets", "missing.log"), got)
}

func TestLoadTestDataMergesEntries(t *testing.T) {
	log := attackFile{dir: filepath.Join(exampleContent, "..", "data"), rel: "wmi_sysmon.log"}
	one := AttackData{Data: "wmi_sysmon.log", Source: "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", Sourcetype: "xmlwineventlog"}
	other := AttackData{Data: "wmi_sysmon.log", Source: "custom", Sourcetype: "my:own:type"}
	td, err := loadTestData(context.Background(), Test{AttackData: []AttackData{one, other}}, []attackFile{log, log}, ingest.Options{}, nil)
	require.NoError(t, err)
	require.Len(t, td.events, 14)
	assert.Equal(t, "XmlWinEventLog", td.events[0].Sourcetype, "a Windows sourcetype keeps ingest's canonical name")
	assert.Equal(t, "my:own:type", td.events[13].Sourcetype, "an unknown sourcetype is stamped on the events")
	assert.Equal(t, "custom", td.events[13].Source)
	procs := td.tables["Endpoint.Processes"]
	require.NotNil(t, procs)
	assert.Equal(t, 12, procs.Len(), "both loads' rows")
	single, err := loadTestData(context.Background(), Test{AttackData: []AttackData{one}}, []attackFile{log}, ingest.Options{}, nil)
	require.NoError(t, err)
	assert.Equal(t, single.tables["Endpoint.Processes"].Row(0), procs.Row(0))
	last := single.tables["Endpoint.Processes"].Row(5)
	last["source"], last["sourcetype"] = "custom", "my:own:type"
	assert.Equal(t, last, procs.Row(11), "the second load's rows follow, with its source and sourcetype")
	assert.Equal(t, "XmlWinEventLog", procs.Row(0)["sourcetype"], "a Windows sourcetype keeps ingest's canonical name in tables too")
	latest, ok := td.latestTime()
	assert.True(t, ok)
	assert.InDelta(t, 1715682660, latest, 1) // 2024-05-14T10:31:00Z
	assert.Equal(t, 14, td.read)

	// A filter keeps few events; the tables, the count of events read and
	// the clock still come from all of them.
	keep := func(ev *ingest.Event) bool { v, _ := ev.Get("EventCode"); return v == "1" && ev.Line == 1 }
	kept, err := loadTestData(context.Background(), Test{AttackData: []AttackData{one}}, []attackFile{log}, ingest.Options{}, keep)
	require.NoError(t, err)
	assert.Len(t, kept.events, 1)
	assert.Equal(t, 7, kept.read)
	assert.Equal(t, 6, kept.tables["Endpoint.Processes"].Len())
	kl, _ := kept.latestTime()
	assert.InDelta(t, latest, kl, 1e-6)

	_, err = loadTestData(context.Background(), Test{AttackData: []AttackData{one}}, []attackFile{{dir: "no/such", rel: "file.log"}}, ingest.Options{}, nil)
	var nf *errDataNotFound
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "data not found at no/such/file.log", err.Error())
}

// TestLoadTestDataOpensThroughTheMirror: a file swapped for a symbolic
// link to outside the mirror after the data path was resolved is refused
// when it is opened, not read.
func TestLoadTestDataOpensThroughTheMirror(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	secret := filepath.Join(outside, "x.log")
	require.NoError(t, os.WriteFile(secret, []byte("{\"secret\":1}\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "x.log"), []byte("{\"a\":1}\n"), 0o644))
	files, err := resolveTest(dir, Test{AttackData: []AttackData{{Data: "x.log"}}})
	require.NoError(t, err)
	require.NoError(t, os.Remove(filepath.Join(dir, "x.log")))
	require.NoError(t, os.Symlink(secret, filepath.Join(dir, "x.log")))
	td, err := loadTestData(context.Background(), Test{AttackData: []AttackData{{Data: "x.log"}}}, files, ingest.Options{}, nil)
	require.ErrorIs(t, err, ErrPathEscape)
	assert.Nil(t, td)
	assert.Contains(t, err.Error(), "a symbolic link leads outside")

	// a directory where the file was is missing data: the test is skipped
	require.NoError(t, os.Remove(filepath.Join(dir, "x.log")))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "x.log"), 0o755))
	_, err = loadTestData(context.Background(), Test{AttackData: []AttackData{{Data: "x.log"}}}, files, ingest.Options{}, nil)
	var nf *errDataNotFound
	require.ErrorAs(t, err, &nf)
}

func TestMergeTablesSingleIsUnchanged(t *testing.T) {
	b := cim.NewBuilder("X.Y")
	b.Set("a", "1")
	b.EndRow(5)
	ts := cim.Tables{"X.Y": b.Table()}
	assert.Same(t, ts["X.Y"], mergeTables([]cim.Tables{ts})["X.Y"])
}

// FuzzResolveAttackData checks that no data: value, however written,
// resolves outside the mirror directory.
func FuzzResolveAttackData(f *testing.F) {
	for _, s := range []string{
		"https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/a.log",
		"https://raw.githubusercontent.com/splunk/attack_data/master/../x",
		"a/../../b", "/etc/passwd", "..", "a/./b", `a\..\b`, "a//b/", "x?y/../../z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		p, err := ResolveAttackData("mirror", data)
		if err != nil {
			return
		}
		rel, err := filepath.Rel("mirror", p)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			t.Fatalf("%q resolved to %q, outside the mirror", data, p)
		}
	})
}
