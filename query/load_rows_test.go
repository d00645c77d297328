package query

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

// datasetSearches are tstats searches over Endpoint.Processes whose
// results a filtered load must not change; filtered says whether the load
// leaves rows out for them alone.
var datasetSearches = []struct {
	query    string
	filtered bool
}{
	{`| tstats count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id`, true},
	{`| tstats count from datamodel=Endpoint.Processes where Processes.process_name=WMIC.EXE by Processes.dest Processes.process_name`, true},
	{`| tstats count from datamodel=Endpoint.Processes where NOT Processes.process_name=wmic.exe by Processes.process_name`, true},
	{`| tstats count from datamodel=Endpoint.Processes where Processes.process_name!=wmic.exe by Processes.process_name`, true},
	{`| tstats count from datamodel=Endpoint.Processes where Processes.process_name=unknown by Processes.process`, true},
	{`| tstats count from datamodel=Endpoint.Processes where (Processes.vendor_product=csv OR sourcetype=_json OR source=*b) Processes.dest=d1 by sourcetype source Processes.vendor_product`, true},
	{`| tstats count from datamodel=Endpoint.Processes where Processes.process_hash=*a* by Processes.process_hash`, true},
	{`| tstats count from datamodel=Endpoint.Processes where Processes.process=*node* by Processes.dest | append [| tstats count from datamodel=Endpoint.Processes where Processes.user=*u1 by Processes.user]`, true},
	{`| tstats count from datamodel=Endpoint.Processes where earliest=1700000100 latest=1700000900 Processes.process_name=wmic.exe by Processes.dest`, true},
	{`| tstats prestats=t count from datamodel=Endpoint.Processes where Processes.process_name=wmic.exe by Processes.dest | stats count by Processes.dest`, true},
	{`| tstats values(Processes.process) as p dc(Processes.user) as u earliest(_time) as e from datamodel=Endpoint.Processes where Processes.process_name=wmic* by Processes.dest`, true},
	{`| tstats count from datamodel=Endpoint.Processes where Processes.process_id>100 Processes.process_id<300 by Processes.process_id Processes.parent_process_id`, true},
	{`| tstats count from datamodel=Endpoint.Processes where Processes.process_name=nomatch`, true},
	{`| tstats count from datamodel=Endpoint.Processes where _time>=1700001000 by Processes.process_guid`, true},
	{`| tstats count from datamodel=Endpoint.Processes by Processes.dest`, false},
	{`| tstats count from datamodel=Endpoint.Processes where TERM(wmic.exe) by Processes.dest`, false},
	{`| datamodel Endpoint Processes search | search Processes.process_name=wmic.exe | stats count by Processes.dest`, false},
	{`| tstats count from datamodel=Endpoint.Processes where Processes.dest=d1 | append [| from datamodel:Endpoint.Processes | stats count]`, false},
	{`| tstats count from datamodel=Endpoint.Processes where [| makeresults | eval Processes.dest="d1" | fields Processes.dest] by Processes.dest`, false},
	{`| makeresults | map search="| tstats count from datamodel=Endpoint.Processes where Processes.dest=d2"`, false},
}

// writeDatasetRows writes n generated Processes rows as JSON lines and as
// CSV: case variants, names to derive from command lines, missing and ""
// values, JSON arrays, metadata in some rows.
func writeDatasetRows(t testing.TB, dir string, n int) (jsonl, csv string) {
	rng := rand.New(rand.NewPCG(3, 4))
	names := []string{"wmic.exe", "WMIC.exe", "cmd.exe", "", "-", "node.exe"}
	procs := []string{`wmic /node:h process call create`, `C:\Windows\wbem\WMIC.exe /NODE:"x" os get`, `cmd /c dir`, `powershell -enc a`, ``}
	var j, c strings.Builder
	c.WriteString("_time,dest,user,process_name,original_file_name,process,process_id,parent_process_id,process_hash,sourcetype,source\n")
	for i := range n {
		r := map[string]string{
			"dest": fmt.Sprintf("d%d", rng.IntN(4)), "user": fmt.Sprintf(`ACME\u%d`, rng.IntN(12)),
			"process_name": names[rng.IntN(len(names))], "original_file_name": names[rng.IntN(len(names))],
			"process": procs[rng.IntN(len(procs))], "process_id": fmt.Sprint(rng.IntN(400)),
			"parent_process_id": fmt.Sprint(rng.IntN(9)),
		}
		if rng.IntN(3) == 0 {
			delete(r, "process_name") // derived from process
		}
		if rng.IntN(4) == 0 {
			delete(r, "user")
		}
		if k := rng.IntN(6); k == 0 {
			r["sourcetype"] = "csv"
		} else if k == 1 {
			r["source"] = "fileb"
		}
		hash := rng.IntN(3) == 0
		var kv []string
		kv = append(kv, fmt.Sprintf(`"_time":%d`, 1700000000+i))
		fmt.Fprintf(&c, "%d", 1700000000+i)
		for _, f := range []string{"dest", "user", "process_name", "original_file_name", "process", "process_id", "parent_process_id", "process_hash", "sourcetype", "source"} {
			v, ok := r[f]
			if f == "process_hash" && hash {
				kv = append(kv, `"Processes.process_hash":["ab","cd"]`)
				c.WriteString(`,"[""ab"",""cd""]"`)
				continue
			}
			if ok {
				kv = append(kv, fmt.Sprintf("%q:%q", f, v))
			}
			c.WriteString(",")
			if strings.ContainsAny(v, `",`) {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			c.WriteString(v)
		}
		j.WriteString("{" + strings.Join(kv, ",") + "}\n")
		c.WriteString("\n")
	}
	jsonl, csv = filepath.Join(dir, "p.jsonl"), filepath.Join(dir, "p.csv")
	require.NoError(t, os.WriteFile(jsonl, []byte(j.String()), 0o644))
	require.NoError(t, os.WriteFile(csv, []byte(c.String()), 0o644))
	return jsonl, csv
}

// unfiltered reads paths with env's options into every row of the tables.
func unfiltered(t testing.TB, env *Env, paths []string) *Data {
	tables, rep, err := ingest.Load(context.Background(), paths, env.cfg.Ingest)
	require.NoError(t, err)
	return &Data{Tables: tables, Report: rep}
}

// sameTableResult checks that s gives the same rows and rows in and out per
// command over both data.
func sameTableResult(t *testing.T, s *Search, want, got *Data) {
	t.Helper()
	ctx := context.Background()
	rw, err := s.Exec(ctx, want)
	require.NoError(t, err, s.Source.Text)
	rg, err := s.Exec(ctx, got)
	require.NoError(t, err, s.Source.Text)
	require.Equal(t, rw.Fields, rg.Fields, s.Source.Text)
	require.Equal(t, rowsJSON(t, rw), rowsJSON(t, rg), s.Source.Text)
	require.Equal(t, len(rw.Profile), len(rg.Profile))
	for i := range rw.Profile {
		require.Equal(t, rw.Profile[i].RowsIn, rg.Profile[i].RowsIn, "%s: rows in of %s", s.Source.Text, rw.Profile[i].Command)
		require.Equal(t, rw.Profile[i].RowsOut, rg.Profile[i].RowsOut, "%s: rows out of %s", s.Source.Text, rw.Profile[i].Command)
	}
}

func rowsJSON(t *testing.T, res *eval.Result) []string {
	var out []string
	for _, r := range res.Rows {
		b, err := r.JSON(res.Fields)
		require.NoError(t, err)
		out = append(out, string(b))
	}
	return out
}

// TestLoadDatasetFiltered checks that loading dataset files for searches,
// which leaves out the rows none of their tstats where clauses keeps,
// changes no result, no command's rows in or out, nor Data.Latest, for
// JSON lines and CSV, each search alone and all together.
func TestLoadDatasetFiltered(t *testing.T) {
	dir := t.TempDir()
	jsonl, csv := writeDatasetRows(t, dir, 6000)
	ctx := context.Background()
	for _, path := range []string{jsonl, csv} {
		env := newEnv(t, Config{Now: time.Unix(1700100000, 0), Ingest: ingest.Options{Dataset: "Endpoint.Processes"}})
		all := unfiltered(t, env, []string{path})
		allLatest, ok := all.Latest()
		require.True(t, ok)
		var searches []*Search
		for _, c := range datasetSearches {
			s := compileText(t, env, c.query)
			searches = append(searches, s)
			data, err := env.Load(ctx, []string{path}, s)
			require.NoError(t, err)
			n, _ := data.Tables["Endpoint.Processes"].Omitted()
			require.Equal(t, c.filtered, n > 0, "%s: rows left out: %d", c.query, n)
			latest, _ := data.Latest()
			require.Equal(t, allLatest, latest, c.query)
			require.Equal(t, all.Report.Summary(), data.Report.Summary())
			sameTableResult(t, s, all, data)
		}
		// all together: the union of their filters
		data, err := env.Load(ctx, []string{path}, searches[:14]...)
		require.NoError(t, err)
		for _, s := range searches {
			sameTableResult(t, s, all, data)
		}
	}
}

// TestLoadDatasetFilterUnion checks a load for several selective searches:
// a row is kept when one of them may read it.
func TestLoadDatasetFilterUnion(t *testing.T) {
	dir := t.TempDir()
	jsonl, _ := writeDatasetRows(t, dir, 3000)
	env := newEnv(t, Config{Now: time.Unix(1700100000, 0), Ingest: ingest.Options{Dataset: "Endpoint.Processes"}})
	all := unfiltered(t, env, []string{jsonl})
	a := compileText(t, env, datasetSearches[1].query)
	b := compileText(t, env, datasetSearches[4].query)
	c := compileText(t, env, `| makeresults count=1 | eval x=1`)
	data, err := env.Load(context.Background(), []string{jsonl}, a, b, c)
	require.NoError(t, err)
	tab := data.Tables["Endpoint.Processes"]
	n, _ := tab.Omitted()
	require.Greater(t, n, 0)
	require.Equal(t, all.Tables["Endpoint.Processes"].Len(), tab.RowsRead())
	for _, s := range []*Search{a, b} {
		sameTableResult(t, s, all, data)
	}
}
