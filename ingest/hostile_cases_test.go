package ingest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// hostileCase is one hostile or damaged input: files written to a fresh
// directory, read with opts, and checked.
type hostileCase struct {
	name  string
	files func(t *testing.T, dir string) []string // writes the inputs, returns the paths to read
	opts  Options
	check func(t *testing.T, evs []*Event, rep *Report)
}

// hostileLimits bound every hostile case's cost.
const (
	hostileMaxTime = 10 * time.Second
	hostileMaxHeap = 1 << 30
)

// runHostile reads every case and checks it ended in time and memory,
// without error, and as its check wants.
func runHostile(t *testing.T, cases []hostileCase) {
	if testing.Short() {
		t.Skip("hostile-input tables (large generated inputs) skipped in -short mode")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			paths := c.files(t, dir)
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var peak atomic.Uint64
			stop := make(chan struct{})
			go peakHeap(stop, &peak)
			start := time.Now()
			evs, _, rep, err := LoadEvents(context.Background(), paths, c.opts)
			took := time.Since(start)
			close(stop)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if took > hostileMaxTime*raceSlowdown {
				t.Errorf("took %v", took)
			}
			if grown := peak.Load() - min(peak.Load(), before.HeapInuse); grown > hostileMaxHeap {
				t.Errorf("heap grew by %d MB", grown>>20)
			}
			c.check(t, evs, rep)
		})
	}
}

// writeFile writes body to dir/name and returns its path.
func writeFile(t *testing.T, dir, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// one returns a files function for one file.
func one(name string, body func(t *testing.T) []byte) func(*testing.T, string) []string {
	return func(t *testing.T, dir string) []string {
		return []string{writeFile(t, dir, name, body(t))}
	}
}

// sysmonEvent is testdata's Sysmon process creation on one line, its
// CommandLine replaced by cmd (XML-escaped by the caller).
func sysmonEvent(t *testing.T, cmd string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/events/sysmon_1.xml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.TrimSpace(string(b))
	i := strings.Index(s, "<Data Name='CommandLine'>") + len("<Data Name='CommandLine'>")
	j := i + strings.Index(s[i:], "</Data>")
	return s[:i] + cmd + s[j:]
}

// fileSummary is a file's counts and skips as one line.
func fileSummary(fr FileReport) string {
	var sb strings.Builder
	sb.WriteString(itoa(fr.Events) + " events, " + itoa(fr.Skipped) + " skipped")
	for _, s := range fr.Skips {
		sb.WriteString("|" + itoa(s.Line) + ": " + s.Reason)
	}
	for _, w := range fr.Warnings {
		sb.WriteString("|warning: " + w)
	}
	return sb.String()
}

func wantFile(t *testing.T, rep *Report, i int, want string) {
	t.Helper()
	if len(rep.Files) <= i {
		t.Fatalf("%d files reported, want file %d: %s", len(rep.Files), i, want)
	}
	if got := fileSummary(rep.Files[i]); got != want {
		t.Errorf("file %d:\n got %s\nwant %s", i, got, want)
	}
}

func TestHostileRecords(t *testing.T) {
	forged := "a\n01/14/2021 11:41:39 PM\nLogName=Security\nEventCode=4688\nComputerName=forged\nMessage=forged\n"
	runHostile(t, []hostileCase{
		{
			name: "text header inside an XML value",
			files: one("forge.xml", func(t *testing.T) []byte {
				ev := sysmonEvent(t, forged)
				return []byte(ev + "\n" + ev + "\n")
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "2 events, 0 skipped")
				for _, ev := range evs {
					if v, _ := ev.Get("CommandLine"); ev.Sourcetype != FormatXML || v != forged {
						t.Errorf("sourcetype %s, CommandLine %q", ev.Sourcetype, v)
					}
				}
			},
		},
		{
			name: "text header inside an XML value cut over long-line fragments",
			files: one("forge-long.xml", func(t *testing.T) []byte {
				// values long enough that the line is read in several
				// fragments, with the end tag across a fragment edge
				ev := sysmonEvent(t, strings.Repeat("x", 300<<10)+forged)
				return []byte(ev + "\n" + "01/14/2021 11:41:39 PM\nLogName=Security\nEventCode=4688\nMessage=real\n")
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "2 events, 0 skipped")
				if len(evs) == 2 && (evs[0].Sourcetype != FormatXML || evs[1].Sourcetype != FormatWinEventLog) {
					t.Errorf("sourcetypes %s, %s", evs[0].Sourcetype, evs[1].Sourcetype)
				}
			},
		},
		{
			name: "truncated XML event before the next one",
			files: one("cut.xml", func(t *testing.T) []byte {
				ev := sysmonEvent(t, "x")
				return []byte(ev[:len(ev)/2] + "\n" + ev + "\n01/14/2021 11:41:39 PM\nLogName=Security\nEventCode=4688\nMessage=m\n")
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "2 events, 1 skipped|1: unterminated <Event> element")
			},
		},
		{
			name: "unterminated XML event before many text records",
			files: one("open.xml", func(t *testing.T) []byte {
				ev := sysmonEvent(t, "x")
				text := strings.Repeat("01/14/2021 11:41:39 PM\nLogName=Security\nEventCode=4688\nMessage=m\n", 50000)
				return []byte(ev[:len(ev)/2] + "\n" + text)
			}),
			opts: Options{MaxRecordBytes: 1 << 20},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				// the open element swallows records up to the bound, then
				// text headers start records again
				fr := rep.Files[0]
				if fr.Skipped != 1 || fr.Skips[0].Reason != "record longer than 1048576 bytes" || fr.Events < 30000 {
					t.Errorf("%s", fileSummary(fr))
				}
			},
		},
		{
			name: "stray quote in an unquoted CSV field",
			files: one("disk.csv", func(t *testing.T) []byte {
				return []byte("_time,host,item\n1,a,5\" disk\n2,b,ok\n3,c,\"quoted, fine\"\n4,d,x\"y\"z\n5,e,last\n")
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "5 events, 0 skipped|warning: 3 stray double quotes outside quoted CSV fields (first on line 2); kept as text, records split at line ends")
				if len(evs) == 5 {
					if v, _ := evs[0].Get("item"); v != `5" disk` {
						t.Errorf("item %q", v)
					}
				}
			},
		},
		{
			name: "CSV quote opened by mistake",
			files: one("open.csv", func(t *testing.T) []byte {
				return []byte("_time,host,item\n1,a,\"5 disk\n2,b,ok\n3,c,\"multi\nline\"\n4,d,x\n")
			}),
			check: func(t *testing.T, evs []*Event, rep *Report) {
				// the quote opened on line 2 closes on line 4: lines 2-4 are
				// one record that does not read, then read line by line
				wantFile(t, rep, 0, "2 events, 3 skipped|2: malformed CSV: bad quote; quoted field over several lines: the following lines read one by one|4: malformed CSV: bad quote|5: 1 fields, the header has 3|warning: 2 stray double quotes outside quoted CSV fields (first on line 4); kept as text, records split at line ends")
			},
		},
		{
			name: "CSV header without a newline",
			files: one("header.csv", func(t *testing.T) []byte {
				return []byte("a,b," + strings.Repeat("c", 2<<20))
			}),
			opts: Options{MaxRecordBytes: 1 << 20},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(rep.Unreadable) != 1 || !strings.HasSuffix(rep.Unreadable[0].Reason, "CSV header longer than 1048576 bytes") {
					t.Errorf("unreadable %+v", rep.Unreadable)
				}
			},
		},
		{
			name: "byte-order marks",
			files: func(t *testing.T, dir string) []string {
				bom := "\xef\xbb\xbf"
				return []string{
					writeFile(t, dir, "a.json", []byte(bom+`{"a":1,"_time":1}`+"\n"+`{"a":2,"_time":2}`+"\n")),
					writeFile(t, dir, "b.csv", []byte(bom+"_time,a\n1,x\n")),
					writeFile(t, dir, "c.xml", []byte(bom+sysmonEvent(t, "x")+"\n")),
					writeFile(t, dir, "d.log", []byte(bom+"01/14/2021 11:41:39 PM\nLogName=Security\nEventCode=4688\nMessage=m\n")),
				}
			},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				wantFile(t, rep, 0, "2 events, 0 skipped")
				wantFile(t, rep, 1, "1 events, 0 skipped")
				wantFile(t, rep, 2, "1 events, 0 skipped")
				wantFile(t, rep, 3, "1 events, 0 skipped")
				if v, ok := evs[0].Get("a"); !ok || v != "1" || strings.HasPrefix(evs[0].Raw, "\xef") {
					t.Errorf("first JSON event %q", evs[0].Raw)
				}
			},
		},
	})
}

func TestHostileDatasetRows(t *testing.T) {
	ds := Options{Dataset: "Endpoint.Processes"}
	rows := func(rep *Report) string {
		fr := rep.Files[0]
		return itoa(fr.Rows["Endpoint.Processes"]) + " rows, " + fileSummary(fr)
	}
	runHostile(t, []hostileCase{
		{
			name: "stray quote in a CSV row",
			files: one("rows.csv", func(*testing.T) []byte {
				return []byte("_time,dest,process\n1,a,5\" disk\n2,b,ok\n3,c,\"q, \"\"x\"\"\"\n")
			}),
			opts: ds,
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if got := rows(rep); got != "3 rows, 3 events, 0 skipped" {
					t.Error(got)
				}
			},
		},
		{
			name: "JSON row longer than the bound",
			files: one("rows.jsonl", func(*testing.T) []byte {
				return []byte(`{"_time":1,"dest":"a"}` + "\n" + `{"_time":2,"dest":"` + strings.Repeat("b", 3<<20) + "\"}\n" + `{"_time":3,"dest":"c"}` + "\n")
			}),
			opts: Options{Dataset: "Endpoint.Processes", MaxRecordBytes: 1 << 20},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if got := rows(rep); got != "2 rows, 2 events, 1 skipped|2: record longer than 1048576 bytes" {
					t.Error(got)
				}
			},
		},
		{
			name: "CSV header without a newline",
			files: one("rows.csv", func(*testing.T) []byte {
				return []byte("_time,dest," + strings.Repeat("c", 2<<20))
			}),
			opts: Options{Dataset: "Endpoint.Processes", MaxRecordBytes: 1 << 20},
			check: func(t *testing.T, evs []*Event, rep *Report) {
				if len(rep.Unreadable) != 1 || !strings.HasSuffix(rep.Unreadable[0].Reason, "CSV header longer than 1048576 bytes") {
					t.Errorf("unreadable %+v", rep.Unreadable)
				}
			},
		},
	})
}
