//go:build duckdb

package duckrun

import (
	"context"
	"errors"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/ast"
	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/lookups"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/sqlgen"
)

// render is a result as text rows, header first, for comparison.
func render(r *eval.Result) []string {
	out := []string{strings.Join(r.Fields, "|")}
	for _, row := range r.Rows {
		parts := make([]string, len(row))
		for i, v := range row {
			if v.IsNull() {
				parts[i] = "<null>"
			} else {
				parts[i] = strings.Join(v.Strings(), ",")
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

// differ runs s through the interpreter and through DuckDB; it returns
// "" when they agree, else a description. A refusal is reported with
// refused=true.
func differ(t *testing.T, ctx context.Context, eng *Engine, lookupDir lookupSource, s *query.Search, data *query.Data, d sqlgen.Dialect) (diff string, refused bool) {
	t.Helper()
	diff, refused, _ = differRows(t, ctx, eng, lookupDir, s, data, d)
	return diff, refused
}

// differRows is differ that also returns the interpreter's rows.
func differRows(t *testing.T, ctx context.Context, eng *Engine, lookupDir lookupSource, s *query.Search, data *query.Data, d sqlgen.Dialect) (diff string, refused bool, want *eval.Result) {
	t.Helper()
	want, err := s.Exec(ctx, data)
	if err != nil {
		return "", true, nil // the interpreter cannot run it over this data
	}
	out, err := sqlgen.Generate(s.Query, sqlgen.Options{Dialect: d, Lookups: lookupDir.resolver})
	if err != nil {
		var ge *sqlgen.Error
		if !errors.As(err, &ge) {
			t.Fatalf("generate: %v", err)
		}
		return "", true, want
	}
	if err := eng.Load(ctx, nil, out.Tables); err != nil {
		t.Fatal(err)
	}
	for _, name := range out.Lookups {
		if eng.loaded[sqlgen.LookupTable(name)] && lookupDir.dir == "" {
			continue // a view over exported Parquet
		}
		header, rows, err := lookupDir.rows(name)
		if err != nil {
			return "", true, want // a lookup the test cannot load
		}
		if err := eng.LoadLookup(ctx, name, header, rows); err != nil {
			t.Fatal(err)
		}
	}
	got, err := eng.Exec(ctx, out)
	if err != nil {
		return "duckdb failed: " + err.Error() + "\n" + out.Text, false, want
	}
	w, g := render(want), render(got)
	if slices.Equal(w, g) {
		return "", false, want
	}
	return "interpreter:\n  " + strings.Join(w, "\n  ") + "\nduckdb:\n  " + strings.Join(g, "\n  ") + "\nSQL:\n" + out.Text, false, want
}

// conformanceTables is a small Endpoint.Processes table with the values
// where SQL and Splunk part ways: case, numbers as strings, nulls, IPs,
// time ties.
func conformanceTables() cim.Tables {
	b := cim.NewBuilder("Endpoint.Processes")
	rows := []struct {
		t  float64
		kv []string
	}{
		{1700000000, []string{"dest", "h1", "user", "bob", "process_name", "cmd.exe", "process", "cmd.exe /c whoami", "process_id", "10", "parent_process_id", "9"}},
		{1700000000, []string{"dest", "h1", "user", "Bob", "process_name", "CMD.EXE", "process", "CMD.EXE /c dir", "process_id", "9", "parent_process_id", "abc"}},
		{1700000100.5, []string{"dest", "H1", "user", "alice", "process_name", "powershell.exe", "process", "powershell -enc AAA", "process_id", "100", "process_hash", "SHA256=1"}},
		{1700003700, []string{"dest", "h2", "process_name", "xcmdx", "process", "xcmdx 1", "process_id", "070", "user_id", "10.1.2.3"}},
		{1700007300, []string{"dest", "10.0.0.5", "user", "carol", "process_name", "rundll32.exe", "process", `C:\Windows\System32\rundll32.exe x`, "process_id", "2.5", "user_id", "::ffff:10.9.9.9"}},
		{1700090000, []string{"dest", "h2", "user", "", "process_name", "net.exe", "process", "net user", "process_id", "-3", "user_id", "192.168.1.1"}},
	}
	for _, r := range rows {
		for i := 0; i < len(r.kv); i += 2 {
			b.Set(r.kv[i], r.kv[i+1])
		}
		b.EndRow(r.t)
	}
	return cim.Tables{"Endpoint.Processes": b.Table()}
}

var conformanceQueries = []string{
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest`,
	`| tstats count min(_time) as firstTime max(_time) as lastTime values(Processes.user) as users dc(Processes.user) as n from datamodel=Endpoint.Processes by Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.user`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.process_name=*CMD* by Processes.process_name`,
	`| tstats count from datamodel=Endpoint.Processes where NOT Processes.user=bob by Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.user!=bob by Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.user=* by Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.process_name IN ("net.exe", "rundll*") by Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.user_id=10.0.0.0/8 by Processes.user_id`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.dest=10.0.0.0/8 OR Processes.dest=h2 by Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.process="C:\\Windows\\*" by Processes.process`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.process_id>9 by Processes.process_id`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.parent_process_id<b by Processes.parent_process_id`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process_id`,
	`| tstats count from datamodel=Endpoint.Processes by _time span=1h`,
	`| tstats count from datamodel=Endpoint.Processes by _time span=1d Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes by _time`,
	`| tstats fillnull_value=NULL count from datamodel=Endpoint.Processes by Processes.user`,
	`| tstats count from datamodel=Endpoint.Processes`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.dest=nomatch`,
	`| tstats min(Processes.process_id) as mn max(Processes.process_id) as mx sum(Processes.process_id) as s avg(Processes.process_id) as a range(Processes.process_id) as r from datamodel=Endpoint.Processes by Processes.dest`,
	`| tstats min(Processes.user) as mn max(Processes.user) as mx from datamodel=Endpoint.Processes`,
	`| tstats earliest(Processes.user) as e latest(Processes.user) as l earliest_time(Processes.user) as et latest_time(Processes.user) as lt from datamodel=Endpoint.Processes by Processes.dest`,
	`| tstats count(Processes.user) as c dc(Processes.process_id) as d values(Processes.process_id) as v from datamodel=Endpoint.Processes`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as *`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.dest as user`,
	`| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes by Processes.dest | convert ctime(firstTime)`,
	`| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes by Processes.dest | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) AS ft`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest | where count > 1`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process_id | rename Processes.process_id as pid | where pid > 9`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process_id | rename Processes.process_id as pid | where pid = "070"`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process_id | rename Processes.process_id as pid | where pid = 70`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.process | rename Processes.* as * | where like(process, "%whoami%") OR match(dest, "^\\d+")`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.process | rename Processes.* as * | eval l=len(process), u=upper(dest), lw=lower(process), s=substr(process, 2, 3), c=coalesce(nothing, dest), i=if(count>1, "many", "one")`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.process | rename Processes.* as * | eval k=case(dest="h1", "one", dest="h2", "two"), n=if(isnull(nothing), "y", "n"), r=replace(process, "e", "E"), j=dest . "-" . count`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | eval x = count * 2 + 1, y = count / 0, z = -count, m = count % 2`,
	`| tstats count min(_time) as t from datamodel=Endpoint.Processes by Processes.dest | eval f=strftime(t, "%Y-%m-%d %H:%M:%S")`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | stats sum(count) as total dc(user) as users values(user) as names by dest`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | stats count`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | stats stdev(count) as sd var(count) as v stdevp(count) as sdp varp(count) as vp sumsq(count) as sq range(count) as r by dest`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | eventstats stdev(count) as sd avg(count) as a by dest | eval up=a+sd*2 | where count <= up`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | eventstats sum(count) as total by dest`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | eventstats max(count) as m`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | search dest=h* user!=bob`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | search NOT user=b*`,
	`| tstats count values(Processes.user) as users from datamodel=Endpoint.Processes by Processes.dest | search users=bob`,
	`| tstats count values(Processes.user) as users from datamodel=Endpoint.Processes by Processes.dest | search users!=bob`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | table user dest missing`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | fields - count`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | sort - count user`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process_id | sort Processes.process_id`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process_id | sort - Processes.process_id | head 3`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | dedup dest`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | fillnull value=none user`,
	`| tstats count from datamodel=Endpoint.Processes by _time Processes.dest | bin _time span=1d`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest | regex Processes.dest="^h\\d$"`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest | regex Processes.dest!="^h"`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | join dest [| tstats dc(Processes.user) as users from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest]`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.user | rename Processes.user as user | lookup users user OUTPUT role team`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process | rename Processes.process as process | rex field=process "^(?<exe>[^ ]+) (?<rest>.*)$" | rex field=process "(?i)(?<flag>/C) "`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process Processes.dest | rename Processes.* as * | rex field=process "(?<dest>\d+)"`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.user | rename Processes.user as u | lookup users user AS u OUTPUT role AS r`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.user | rename Processes.user as user | lookup users user`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.user Processes.dest | rename Processes.* as * | eval team=if(user="alice", "preset", null()) | lookup users user OUTPUTNEW team role`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process_name | rename Processes.process_name as p | lookup procs pattern AS p OUTPUT kind | search kind=shell`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | join type=left dest [| tstats count as c2 from datamodel=Endpoint.Processes where Processes.user=bob by Processes.dest | rename Processes.dest as dest]`,
	// process_hash is declared multivalue: a list column.
	`| tstats count from datamodel=Endpoint.Processes by Processes.process_hash`,
	`| tstats fillnull_value=none count from datamodel=Endpoint.Processes by Processes.process_hash Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.process_hash=sha256* by Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where NOT Processes.process_hash=sha256* by Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.process_hash!=x by Processes.dest`,
	`| tstats count from datamodel=Endpoint.Processes where Processes.process_hash>A by Processes.dest`,
	`| tstats count(Processes.process_hash) as c dc(Processes.process_hash) as d values(Processes.process_hash) as v min(Processes.process_hash) as mn earliest(Processes.process_hash) as e latest(Processes.process_hash) as l from datamodel=Endpoint.Processes by Processes.dest`,
	`| tstats values(Processes.process_hash) as h values(Processes.user) as u from datamodel=Endpoint.Processes | eval n=mvcount(u), first=mvindex(u, 0), last=mvindex(u, -1), mid=mvindex(u, 1, 2), none=mvindex(u, 9), j=mvjoin(u, ";"), hj=mvjoin(h, ","), one=mvindex(count, 0)`,
	`| tstats count from datamodel=Endpoint.Processes by Processes.process_hash | rename Processes.process_hash as h | search h=SHA*`,
}

func TestConformance(t *testing.T) {
	ctx := context.Background()
	env, err := query.New(query.Config{ContentDir: conformanceContent(t)})
	if err != nil {
		t.Fatal(err)
	}
	tables := conformanceTables()
	data := query.NewData(tables, nil)
	eng, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.Load(ctx, tables, nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range conformanceQueries {
		t.Run(q, func(t *testing.T) {
			s, err := env.Compile(q)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			diff, refused := differ(t, ctx, eng, lookupsOf(t, env), s, data, sqlgen.DuckDB)
			if refused {
				t.Fatalf("refused or not runnable")
			}
			if diff != "" {
				t.Error(diff)
			}
		})
	}
}

// TestCorpus runs every runnable detection of the shared content that
// the generator compiles over the shared logs, through the interpreter
// and through DuckDB: the attack data as one unit, then each OTRF archive
// on its own (one archive's events in memory at a time: the data of all
// of them at once took 9 GB). Every OTRF archive runs with
// SPELUNK_DIFF_OTRF=all; otherwise (CI) the first otrfSubset archives in
// name order. SPELUNK_CORPUS_DATA=dir1:dir2 replaces the units with those
// paths, each one unit. Cost (2026-12-06, 1,217 detections compiled): the
// default units took 206 s of CPU with the test's build and 0.8 GB peak
// RSS; each OTRF archive adds about 27 s of CPU (the 1,217 searches through
// both engines), so all 59 take about 27 minutes of CPU: too long for CI.
func TestCorpus(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "content")); err != nil {
		t.Skip("no ../shared/content: the shared corpus is not beside the repository")
	}
	ctx := context.Background()
	env, err := query.New(query.Config{ContentDir: filepath.Join(shared, "content")})
	if err != nil {
		t.Fatal(err)
	}
	units := [][]string{{filepath.Join(shared, "data", "attack_data")}}
	otrf, _ := filepath.Glob(filepath.Join(shared, "data", "otrf_windows", "*.*"))
	otrf = slices.DeleteFunc(otrf, func(p string) bool { return !strings.HasSuffix(p, ".zip") && !strings.HasSuffix(p, ".gz") })
	slices.Sort(otrf)
	if os.Getenv("SPELUNK_DIFF_OTRF") != "all" && len(otrf) > otrfSubset {
		otrf = otrf[:otrfSubset]
	}
	for _, p := range otrf {
		units = append(units, []string{p})
	}
	if more := os.Getenv("SPELUNK_CORPUS_DATA"); more != "" {
		units = nil
		for _, p := range strings.Split(more, string(os.PathListSeparator)) {
			units = append(units, []string{p})
		}
	}
	content, err := detections.Open(env)
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := content.Detections()
	if err != nil {
		t.Fatal(err)
	}
	type compiled struct {
		d *detections.Detection
		s *query.Search
	}
	var searches []compiled
	for _, d := range ds {
		if d.Deprecated() {
			continue
		}
		s, err := content.Compile(d)
		if err != nil {
			continue
		}
		if _, err := sqlgen.Generate(s.Query, sqlgen.Options{Dialect: sqlgen.DuckDB, Lookups: env.EvalOptions().Lookups}); err != nil {
			continue // refused: nothing to compare
		}
		searches = append(searches, compiled{d, s})
	}
	compared, withRows, events := 0, 0, 0
	for _, paths := range units {
		n, rows, evs := corpusUnit(t, ctx, env, paths, func(yield func(*detections.Detection, *query.Search) bool) {
			for _, c := range searches {
				if !yield(c.d, c.s) {
					return
				}
			}
		})
		compared, withRows, events = compared+n, withRows+rows, events+evs
		t.Logf("%s: %d comparisons, %d with rows", filepath.Base(paths[0]), n, rows)
	}
	t.Logf("%d units, %d detections compiled to SQL: %d comparisons (%d over raw events), %d with rows", len(units), len(searches), compared, events, withRows)
	if compared == 0 {
		t.Fatal("no detection compared")
	}
}

// otrfSubset is how many OTRF archives the corpus test reads without
// SPELUNK_DIFF_OTRF=all.
const otrfSubset = 4

// corpusUnit loads paths, compares every search over them and releases
// the data and the engine before returning.
func corpusUnit(t *testing.T, ctx context.Context, env *query.Env, paths []string, searches iter.Seq2[*detections.Detection, *query.Search]) (compared, withRows, events int) {
	data, err := env.Load(ctx, paths)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := Open()
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if err := eng.Load(ctx, data.Tables, nil); err != nil {
		t.Fatal(err)
	}
	if err := eng.LoadEvents(ctx, data.Events); err != nil {
		t.Fatal(err)
	}
	unit := filepath.Base(paths[0])
	for d, s := range searches {
		diff, refused, res := differRows(t, ctx, eng, lookupsOf(t, env), s, data, sqlgen.DuckDB)
		if refused {
			continue
		}
		compared++
		if _, ok := s.Query.Commands[0].(*ast.SearchCommand); ok {
			events++
		}
		if len(res.Rows) > 0 && !(len(res.Rows) == 1 && len(s.Query.Commands) == 1) {
			withRows++
		}
		if diff != "" {
			t.Errorf("%s (%s) over %s:\n%s", d.Name, d.File, unit, diff)
		}
	}
	return compared, withRows, events
}

// lookupSource gives the generator the lookup definitions and the engine
// the rows, from a content directory's lookups/.
type lookupSource struct {
	resolver eval.LookupResolver
	dir      string
}

func lookupsOf(t *testing.T, env *query.Env) lookupSource {
	return lookupSource{resolver: env.EvalOptions().Lookups, dir: env.Config().ContentDir}
}

// rows reads lookup name's CSV: the definition's file, else NAME.csv.
func (l lookupSource) rows(name string) ([]string, [][]string, error) {
	r, err := lookups.Open(l.dir)
	if err != nil {
		return nil, nil, err
	}
	file := name
	for _, d := range r.Definitions() {
		if d.Name == name && d.Filename != "" {
			file = d.Filename
		}
	}
	if !strings.HasSuffix(file, ".csv") {
		file += ".csv"
	}
	data, err := os.ReadFile(filepath.Join(l.dir, "lookups", file))
	if err != nil {
		return nil, nil, err
	}
	return lookups.ReadCSV(data)
}

// conformanceContent is a content directory with two lookups: an exact
// one, case-insensitive, with a default match, and a wildcard one.
func conformanceContent(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"users.yml": "name: users\nfilename: users.csv\ncase_sensitive_match: false\nmin_matches: 1\ndefault_match: unknown\n",
		"users.csv": "user,role,team\nbob,admin,red\nBOB,operator,\nalice,,blue\n",
		"procs.yml": "name: procs\nfilename: procs.csv\nmatch_type: WILDCARD(pattern)\n",
		"procs.csv": "pattern,kind\n*cmd*,shell\npowershell*,shell\n*.exe,binary\n",
	}
	if err := os.MkdirAll(filepath.Join(dir, "lookups"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, "lookups", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
