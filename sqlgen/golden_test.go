package sqlgen

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenQueries are pinned in testdata/<name>.<dialect>.sql; lookups are
// those of testdata/content.
var goldenQueries = map[string]string{
	"wmi":      `| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest Processes.user | rename Processes.* as * | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | where count > 1 | table dest user count firstTime`,
	"values":   `| tstats count values(Processes.user) as users latest(Processes.process) as last from datamodel=Endpoint.Processes where Processes.dest=10.0.0.0/8 NOT Processes.user IN ("svc_*", "SYSTEM") by _time span=1h Processes.dest | rename Processes.dest as dest | search users=admin* | eventstats avg(count) as avg by dest | eval ratio=count/avg | sort - ratio | head 20`,
	"lookup":   `| tstats count from datamodel=Endpoint.Processes by Processes.user Processes.dest | rename Processes.* as * | lookup users user OUTPUT role | lookup users user AS dest OUTPUTNEW team AS role`,
	"wildcard": `| tstats count from datamodel=Endpoint.Processes by Processes.process_name Processes.user | rename Processes.* as * | lookup procs pattern AS process_name OUTPUT kind | lookup users user OUTPUT team`,
	"events":   `search EventCode=1 wmic* NOT user=svc_* | rename Image as process | fillnull value=none process | stats count dc(host) as hosts values(user) as users earliest(_time) as first by process`,
	"join":     `| tstats count from datamodel=Endpoint.Processes by Processes.process_guid Processes.dest | rename Processes.* as * | join type=left process_guid [| tstats count as writes from datamodel=Endpoint.Filesystem by Filesystem.process_guid | rename Filesystem.* as *] | fillnull value=0 writes | stats sum(writes) as writes dc(process_guid) as procs by dest`,
}

func TestGolden(t *testing.T) {
	for name, q := range goldenQueries {
		for _, d := range Dialects() {
			t.Run(name+"."+string(d), func(t *testing.T) {
				s, err := generateWith(t, q, Options{Dialect: d, Lookups: testLookups(t)})
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join("testdata", name+"."+string(d)+".sql")
				if *update {
					if err := os.MkdirAll("testdata", 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(s.Text+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if string(want) != s.Text+"\n" {
					t.Errorf("%s differs from the generated SQL (go test -update rewrites it):\n%s", path, s.Text)
				}
			})
		}
	}
}
