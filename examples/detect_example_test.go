package examples_test

import (
	"context"
	"fmt"
	"log"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/ingest"
)

// Example_detect runs a security_content detection over a Sysmon log, the
// way a detection engineer's own Go test would.
func Example_detect() {
	ctx := context.Background()
	content, err := detections.Open("content") // macros/ and detections/ in security_content layout
	if err != nil {
		log.Fatal(err)
	}
	d, err := content.Find("Remote WMI Command Attempt")
	if err != nil {
		log.Fatal(err)
	}
	compiled, err := d.Compile(content.Macros, detections.Options{})
	if err != nil {
		log.Fatal(err)
	}
	tables, _, err := ingest.Load(ctx, []string{"data/wmi_sysmon.log"}, ingest.Options{})
	if err != nil {
		log.Fatal(err)
	}
	res, err := compiled.Run(ctx, tables)
	if err != nil {
		log.Fatal(err)
	}
	for _, row := range res.Rows {
		get := func(name string) string {
			for i, f := range res.Fields {
				if f == name {
					return row[i].String()
				}
			}
			return ""
		}
		fmt.Printf("%s %s %s: %s\n", get("firstTime"), get("dest"), get("process_name"), get("process"))
	}
	// Output:
	// 2024-05-14T09:02:11 lab-srv-02.corp.example svc.exe: svc.exe /NODE:srv-db-01 process call create "cmd /c whoami &amp;&amp; hostname"
	// 2024-05-14T08:15:02 lab-ws-01.corp.example WMIC.exe: wmic /node:"10.20.0.7" process call create calc.exe
}

// Example_expand shows a detection's search after macro expansion, the
// text Splunk parses.
func Example_expand() {
	content, err := detections.Open("content")
	if err != nil {
		log.Fatal(err)
	}
	d, err := content.Find("Script Execution via WMI")
	if err != nil {
		log.Fatal(err)
	}
	compiled, err := d.Compile(content.Macros, detections.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(compiled.Query.Commands[0].CommandName(), len(compiled.Query.Commands))
	fmt.Println(compiled.Query.Commands[1])
	// Output:
	// tstats 5
	// rename Processes.* AS *
}
