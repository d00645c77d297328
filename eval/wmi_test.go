package eval

import (
	"testing"

	"github.com/spelunk-dev/spelunk/cim"
)

// The remote-WMI detection shape of spl_semantics.md §10, macros expanded,
// end to end.
const wmiQuery = `| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=wmic.exe OR Processes.original_file_name=wmic.exe) Processes.process=*node* by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id | rename Processes.* AS * | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(lastTime) | search *`

func TestWMIEndToEnd(t *testing.T) {
	proc := func(tm float64, dest, user, name, orig, process, pid string) event {
		e := ev(tm, "dest", dest, "user", user, "parent_process", "explorer.exe", "process_name", name,
			"original_file_name", orig, "process", process, "parent_process_id", "4")
		if pid != "" {
			e.fields["process_id"] = pid
		}
		return e
	}
	table := buildTable(dm,
		proc(1700000000, "h1", "bob", "WMIC.exe", "wmic.exe", "wmic /node:10.0.0.5 process call create calc", "100"),
		proc(1700000600, "h1", "bob", "WMIC.exe", "wmic.exe", "wmic /node:10.0.0.5 process call create calc", "100"),
		// renamed binary: original_file_name still wmic.exe; no process_id
		proc(1700000100, "h2", "alice", "w.exe", "WMIC.EXE", "w.exe /NODE:srv os get", ""),
		// cmd.exe running wmic: process mentions /node but the image is cmd.exe
		proc(1700000200, "h3", "carol", "cmd.exe", "Cmd.Exe", "cmd.exe /c wmic /node:x process call create", "300"),
		// wmic without node
		proc(1700000300, "h1", "bob", "wmic.exe", "wmic.exe", "wmic os get caption", "400"),
	)
	res, err := runQuery(t, wmiQuery, cim.Tables{dm: table})
	if err != nil {
		t.Fatal(err)
	}
	wantFields := []string{"dest", "user", "parent_process", "process_name", "process", "process_id", "parent_process_id", "count", "firstTime", "lastTime"}
	if d := diff(wantFields, res.Fields); d != "" {
		t.Errorf("fields (-want +got):\n%s", d)
	}
	want := recordsOf(
		rec{"dest": "h1", "user": "bob", "parent_process": "explorer.exe", "process_name": "WMIC.exe",
			"process": "wmic /node:10.0.0.5 process call create calc", "process_id": "100", "parent_process_id": "4",
			"count": 2, "firstTime": "2023-11-14T22:13:20", "lastTime": "2023-11-14T22:23:20"},
		rec{"dest": "h2", "user": "alice", "parent_process": "explorer.exe", "process_name": "w.exe",
			"process": "w.exe /NODE:srv os get", "process_id": "null", "parent_process_id": "4",
			"count": 1, "firstTime": "2023-11-14T22:15:00", "lastTime": "2023-11-14T22:15:00"},
	)
	if d := diff(want, records(res.Fields, res.Rows)); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
	var cmds []string
	for _, p := range res.Profile {
		cmds = append(cmds, p.Command)
	}
	if d := diff([]string{"tstats", "rename", "convert", "convert", "search"}, cmds); d != "" {
		t.Errorf("profile: %s", d)
	}
	if res.Profile[0].RowsIn != 5 || res.Profile[0].RowsOut != 2 {
		t.Errorf("tstats profile = %+v", res.Profile[0])
	}
}
