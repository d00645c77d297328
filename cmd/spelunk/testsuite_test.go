package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/internal/golden"
)

// The test suite: testdata/testsuite is a self-contained security_content
// layout. detections/ holds 19 corpus detections (excerpts: name, id, type,
// status, search, observables, the test's source and sourcetype), macros/
// the macro definitions their searches call, and each test names its data
// at suite/<detection>/<file> of an attack_data mirror. There are two
// mirrors with the same paths, both of small synthetic events written for
// the suite: pos/ holds what the detection is meant to find, so every test
// PASSes; neg/ holds the same scene with the distinguishing event absent or
// changed, so every test FAILs, for the reason pinned in
// testsuite/want_neg.txt. Each detection file's header says what its pos
// and neg events hold. Goldens are rewritten with -update.

const (
	suiteContent = "testdata/testsuite"
	suitePos     = suiteContent + "/pos"
	suiteNeg     = suiteContent + "/neg"
)

// suiteLine is the part of a `spelunk test --format json` line the suite
// checks.
type suiteLine struct {
	Detection string `json:"detection"`
	File      string `json:"file"`
	Status    string `json:"status"`
	Reason    string `json:"reason"`
	Results   int    `json:"results"`
}

// runSuite runs `spelunk test` over the suite with the mirror as
// --attack-data and returns the exit code, the text output, and the JSON
// lines of a second run keyed by detection file name without .yml.
func runSuite(t *testing.T, mirror string) (int, string, map[string]suiteLine) {
	t.Helper()
	args := []string{"test", "--content", suiteContent, "--attack-data", mirror}
	code, text, errOut := spelunk(t, "", args...)
	require.Empty(t, errOut)
	jcode, out, errOut := spelunk(t, "", append(args, "--format", "json")...)
	require.Equal(t, code, jcode, errOut)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	got := map[string]suiteLine{}
	for _, l := range lines[:len(lines)-1] {
		var r suiteLine
		require.NoError(t, json.Unmarshal([]byte(l), &r), l)
		got[strings.TrimSuffix(filepath.Base(r.File), ".yml")] = r
	}
	return code, text, got
}

// suiteDetections loads the suite's detection files, keyed by file name
// without .yml.
func suiteDetections(t *testing.T) map[string]*detections.Detection {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(suiteContent, "detections", "*.yml"))
	require.NoError(t, err)
	ds := map[string]*detections.Detection{}
	for _, f := range files {
		d, err := detections.LoadFile(f)
		require.NoError(t, err)
		ds[strings.TrimSuffix(filepath.Base(f), ".yml")] = d
	}
	return ds
}

func TestSuiteComposition(t *testing.T) {
	ds := suiteDetections(t)
	require.GreaterOrEqual(t, len(ds), 15)
	tstats, raw := 0, 0
	for name, d := range ds {
		ok, why := d.Testable()
		assert.True(t, ok, "%s is not selected by default: %s", name, why)
		require.Len(t, d.Tests, 1, name)
		require.Len(t, d.Tests[0].AttackData, 1, name)
		data := d.Tests[0].AttackData[0].Data
		assert.Contains(t, data, "/master/suite/"+name+"/", "each detection has its own data path")
		for _, mirror := range []string{suitePos, suiteNeg} {
			p, err := detections.ResolveAttackData(mirror, data)
			require.NoError(t, err)
			assert.FileExists(t, p)
		}
		if strings.HasPrefix(d.Search, "| tstats") {
			tstats++
		} else {
			raw++
		}
	}
	assert.GreaterOrEqual(t, tstats, 6, "tstats detections")
	assert.GreaterOrEqual(t, raw, 6, "raw-search detections")
}

func TestSuitePositives(t *testing.T) {
	code, text, got := runSuite(t, suitePos)
	assert.Equal(t, 0, code, text)
	golden.File(t, filepath.Join("testdata", "testsuite/want_pos.txt"), text)
	ds := suiteDetections(t)
	require.Len(t, got, len(ds), "one test per detection")
	for name := range ds {
		r := got[name]
		assert.Equal(t, "PASS", r.Status, "%s: %s", name, r.Reason)
		assert.Positive(t, r.Results, name)
	}
}

func TestSuiteNegatives(t *testing.T) {
	code, text, got := runSuite(t, suiteNeg)
	assert.Equal(t, 1, code, "a FAIL exits 1")
	golden.File(t, filepath.Join("testdata", "testsuite/want_neg.txt"), text)
	ds := suiteDetections(t)
	require.Len(t, got, len(ds), "one test per detection")
	// Every negative fails because the distinguishing event is absent or
	// changed (no results), except where a result is returned without a
	// risk object.
	lacking := map[string]string{
		"detect_password_spray_attack_behavior_on_user": "result 1 lacks risk-object field src",
	}
	for name := range ds {
		r := got[name]
		assert.Equal(t, "FAIL", r.Status, name)
		want, ok := lacking[name]
		if !ok {
			want = "no results"
		}
		assert.Equal(t, want, r.Reason, name)
	}
}

// TestSuiteMatchesCorpus checks the suite against the shared
// security_content snapshot: each excerpt's search, observables, source and
// sourcetype are the corpus detection's, each macro definition is the
// corpus's, and the corpus detection itself, with the corpus macros, gives
// the same verdict as the excerpt on the pos and neg events when they lie
// at the path its own test names.
func TestSuiteMatchesCorpus(t *testing.T) {
	shared := sharedDir(t)
	content := openContent(t, filepath.Join(shared, "content"))
	suite := openContent(t, suiteContent)

	macroFile, err := os.ReadFile(filepath.Join(suiteContent, "macros", "macros.yml"))
	require.NoError(t, err)
	for _, doc := range strings.Split(string(macroFile), "\n---\n") {
		for _, line := range strings.Split(doc, "\n") {
			name, ok := strings.CutPrefix(line, "name: ")
			if !ok {
				continue
			}
			arity := strings.Count(doc, "\n  - ")
			mine, ok := suite.Env.Macros().Lookup(name, arity)
			require.True(t, ok, name)
			real, ok := content.Env.Macros().Lookup(name, arity)
			require.True(t, ok, "%s is not in the corpus", name)
			assert.Equal(t, real.Definition, mine.Definition, name)
		}
	}

	for name, mine := range suiteDetections(t) {
		t.Run(name, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(shared, "content", "detections", "*", name+".yml"))
			require.Len(t, files, 1, "the corpus detection of the same file name")
			real, err := detections.LoadFile(files[0])
			require.NoError(t, err)
			assert.Equal(t, real.Name, mine.Name)
			assert.Equal(t, real.ID, mine.ID)
			assert.Equal(t, real.Search, mine.Search, "the corpus search changed")
			assert.Equal(t, real.Observables, mine.Observables)
			assert.Equal(t, real.RiskObjectFields(), mine.RiskObjectFields())
			assert.Equal(t, real.ThreatObjectFields(), mine.ThreatObjectFields())
			require.NotEmpty(t, real.Tests)
			ra, ma := real.Tests[0].AttackData[0], mine.Tests[0].AttackData[0]
			assert.Equal(t, ra.Source, ma.Source)
			assert.Equal(t, ra.Sourcetype, ma.Sourcetype)

			for _, mirror := range []string{suitePos, suiteNeg} {
				want, err := suite.Test(t.Context(), mine, detections.TestOptions{AttackData: mirror})
				require.NoError(t, err)
				// A mirror holding the suite's events at the corpus test's path.
				src, err := detections.ResolveAttackData(mirror, ma.Data)
				require.NoError(t, err)
				src, err = filepath.Abs(src)
				require.NoError(t, err)
				dir := t.TempDir()
				dst, err := detections.ResolveAttackData(dir, ra.Data)
				require.NoError(t, err)
				require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
				// A copy: a symbolic link out of the mirror is refused.
				events, err := os.ReadFile(src)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(dst, events, 0o644))
				got, err := content.Test(t.Context(), real, detections.TestOptions{AttackData: dir})
				require.NoError(t, err)
				require.Len(t, got, 1)
				assert.Equal(t, want[0].Status, got[0].Status, "%s: %s", mirror, got[0].Reason)
				assert.Equal(t, want[0].Reason, got[0].Reason, mirror)
			}
		})
	}
}
