package macros_test

import (
	"fmt"

	"github.com/spelunk-dev/spelunk/macros"
)

func Example() {
	lib := macros.NewLibrary()
	lib.Add(macros.Macro{
		Name:       "security_content_ctime",
		Args:       []string{"field"},
		Definition: `convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)`,
		Loc:        macros.Location{File: "macros/security_content_ctime.yml", Line: 4, Col: 14},
	})
	search := "| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes by Processes.dest" +
		" | `drop_dm_object_name(Processes)` | `security_content_ctime(firstTime)` | `my_detection_filter`"
	x, err := lib.Expand(search, macros.Location{File: "detection.yml", Line: 9, Col: 10}, macros.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(x.Text)
	for _, c := range x.Calls {
		fmt.Printf("%s at %s -> %q\n", c.Name, c.Loc, x.Text[c.Start:c.End])
	}
	o := x.Origin(len("| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes by Processes.dest | rename Processes.* AS * | convert "))
	fmt.Println(o.Loc, o.Macro, o.Via[0].Loc)

	_, err = lib.Expand("search x | `nope(1)`", macros.Location{File: "detection.yml", Line: 9, Col: 10}, macros.Options{})
	fmt.Println(err)
	// Output:
	// | tstats count min(_time) as firstTime from datamodel=Endpoint.Processes by Processes.dest | rename Processes.* AS * | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) | search *
	// drop_dm_object_name at detection.yml:9:103 -> "rename Processes.* AS *"
	// security_content_ctime at detection.yml:9:138 -> "convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)"
	// my_detection_filter at detection.yml:9:176 -> "search *"
	// macros/security_content_ctime.yml:4:22 security_content_ctime(1) detection.yml:9:138
	// detection.yml:9:21: unknown macro `nope` (1 argument)
}
