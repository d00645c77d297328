package eval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spelunk-dev/spelunk/cim"
	"github.com/spelunk-dev/spelunk/parser"
)

// genProcesses builds an Endpoint.Processes table of n rows with realistic
// cardinalities: 200 hosts, 500 users, ~30 process names, command lines
// with per-run arguments, pids up to 65535, wmic in ~0.26% of rows (half of
// them with /node), and decoys whose command line contains "node".
func genProcesses(n int) *cim.Table {
	r := rand.New(rand.NewPCG(1, 2))
	names := []string{"svchost.exe", "chrome.exe", "explorer.exe", "cmd.exe", "powershell.exe", "conhost.exe",
		"msedge.exe", "notepad.exe", "rundll32.exe", "taskhostw.exe", "dllhost.exe", "services.exe", "lsass.exe",
		"winlogon.exe", "searchindexer.exe", "runtimebroker.exe", "node.exe", "python.exe", "java.exe", "git.exe",
		"code.exe", "teams.exe", "outlook.exe", "excel.exe", "winword.exe", "onedrive.exe", "sihost.exe",
		"ctfmon.exe", "spoolsv.exe", "smss.exe"}
	b := cim.NewBuilder("Endpoint.Processes")
	for i := 0; i < n; i++ {
		name := names[r.IntN(len(names))]
		var process string
		switch {
		case r.IntN(10000) < 26:
			name = "wmic.exe"
			if r.IntN(2) == 0 {
				process = fmt.Sprintf("wmic /node:10.0.%d.%d process call create calc.exe", r.IntN(4), r.IntN(256))
			} else {
				process = "wmic os get caption"
			}
		case name == "node.exe":
			process = fmt.Sprintf("node.exe C:\\app\\server%d.js", r.IntN(50))
		case name == "cmd.exe" && r.IntN(100) == 0:
			process = fmt.Sprintf("cmd.exe /c echo wmic /node:%d", r.IntN(100)) // decoy: not wmic.exe
		default:
			process = fmt.Sprintf("%s --run=%d", name, r.IntN(20000))
		}
		b.Set("dest", fmt.Sprintf("host%03d", r.IntN(200)))
		b.Set("user", fmt.Sprintf("CORP\\user%03d", r.IntN(500)))
		b.Set("parent_process", names[r.IntN(len(names))])
		b.Set("process_name", name)
		b.Set("original_file_name", name)
		b.Set("process", process)
		b.Set("process_id", fmt.Sprint(r.IntN(65536)))
		if r.IntN(50) != 0 { // some rows lack the parent pid
			b.Set("parent_process_id", fmt.Sprint(r.IntN(65536)))
		}
		b.EndRow(1700000000 + float64(i))
	}
	return b.Table()
}

func benchQuery(b *testing.B, query string, n int) {
	table := genProcesses(n)
	q, err := parser.Parse(query)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Compile(q, Options{Now: time.Unix(1700000000, 0)})
	if err != nil {
		b.Fatal(err)
	}
	tables := cim.Tables{"Endpoint.Processes": table}
	ctx := context.Background()
	b.ReportAllocs()
	var rows int
	cpu0 := cpuTime()
	for b.Loop() {
		res, err := p.Exec(ctx, Input{Tables: tables})
		if err != nil {
			b.Fatal(err)
		}
		rows = len(res.Rows)
	}
	reportRates(b, n, cpu0)
	b.ReportMetric(float64(rows), "results")
}

// BenchmarkTstatsWMI runs the remote-WMI tstats (7 by-fields) over 1M rows.
func BenchmarkTstatsWMI(b *testing.B) {
	benchQuery(b, `| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id`, 1_000_000)
}

// BenchmarkWMIPipeline is the whole detection: tstats, rename, 2x convert, search.
func BenchmarkWMIPipeline(b *testing.B) {
	benchQuery(b, wmiQuery, 1_000_000)
}

// BenchmarkTstatsGroupAll groups every row (no filter) by host and user:
// the grouping cost when nothing is filtered out.
func BenchmarkTstatsGroupAll(b *testing.B) {
	benchQuery(b, `| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes by Processes.dest Processes.user`, 1_000_000)
}

// cpuTime is the process's user+system CPU time; on a shared machine
// cpu-ns/op is steadier than wall-clock ns/op.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportRates(b *testing.B, n int, cpu0 time.Duration) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkWMIHandLoop is the baseline: a hand-written loop over the same
// rows stored as plain strings, doing the WMI filter and a 7-field group.
func BenchmarkWMIHandLoop(b *testing.B) {
	const n = 1_000_000
	t := genProcesses(n)
	cols := map[string][]string{}
	for _, f := range []string{"dest", "user", "parent_process", "process_name", "original_file_name", "process", "process_id", "parent_process_id"} {
		c := t.Column(f)
		vals := make([]string, n)
		for i := range vals {
			vals[i], _ = c.Value(i)
		}
		cols[f] = vals
	}
	times := t.Times()
	type agg struct {
		count       int
		first, last float64
	}
	by := []string{"dest", "user", "parent_process", "process_name", "process", "process_id", "parent_process_id"}
	b.ReportAllocs()
	cpu0 := cpuTime()
	var groups int
	for b.Loop() {
		m := map[string]*agg{}
		pn, ofn, pr := cols["process_name"], cols["original_file_name"], cols["process"]
		for i := 0; i < n; i++ {
			if !strings.EqualFold(pn[i], "wmic.exe") && !strings.EqualFold(ofn[i], "wmic.exe") {
				continue
			}
			if !strings.Contains(strings.ToLower(pr[i]), "node") {
				continue
			}
			var key strings.Builder
			for _, f := range by {
				v := cols[f][i]
				if v == "" {
					v = "null"
				}
				key.WriteString(v)
				key.WriteByte(0)
			}
			a := m[key.String()]
			if a == nil {
				a = &agg{first: times[i], last: times[i]}
				m[key.String()] = a
			}
			a.count++
			a.first, a.last = min(a.first, times[i]), max(a.last, times[i])
		}
		groups = len(m)
	}
	reportRates(b, n, cpu0)
	b.ReportMetric(float64(groups), "results")
}
