package sqltest

import "github.com/spelunk-dev/spelunk/ingest"

// ConformanceEvents are raw events with the cases where search over _raw
// and multivalue fields part from SQL: keyword boundaries, case, repeated
// field names (multivalues), missing fields.
func ConformanceEvents() []*ingest.Event {
	mk := func(t float64, host, raw string, kv ...string) *ingest.Event {
		var fs []ingest.Field
		for i := 0; i < len(kv); i += 2 {
			fs = append(fs, ingest.Field{Name: kv[i], Value: kv[i+1]})
		}
		ev := ingest.NewEvent(raw, fs...)
		ev.Time, ev.Host, ev.Sourcetype, ev.Source, ev.Index = t, host, "test:st", "test", "main"
		return ev
	}
	return []*ingest.Event{
		mk(1700000000, "h1", `C:\Windows\wbem\WMIC.exe /node:x process call create`, "EventCode", "1", "user", "bob", "Image", `C:\Windows\wbem\WMIC.exe`),
		mk(1700000060, "h1", `powershell.exe -enc AAAA`, "EventCode", "1", "user", "Bob", "Image", `powershell.exe`, "tag", "process", "tag", "report"),
		mk(1700000120, "h2", `wmicx.exe run`, "EventCode", "3", "user", "alice", "dest_port", "443", "dest_port", "80"),
		mk(1700000180, "h2", `net user admin /add`, "EventCode", "1", "Image", `net.exe`, "tag", "process"),
		mk(1700000180, "h3", `mimikatz invoke-mimikatz sekurlsa`, "EventCode", "10", "user", "carol", "dest_port", "9"),
	}
}

// EventQueries are searches over ConformanceEvents.
func EventQueries() []string {
	return []string{
		`search EventCode=1 | stats count by user`,
		`search wmic | table _time host user`,
		`search "process call" | table host`,
		`search *mimikatz | table host`,
		`search mic | table host`,
		`search wmic.exe OR net | stats count by host`,
		`search NOT user=bob | stats count dc(user) as users values(user) as names by host`,
		`search tag=process | stats count by tag`,
		`search dest_port=80 | stats count values(dest_port) as ports min(dest_port) as lo max(dest_port) as hi sum(dest_port) as s count(dest_port) as n`,
		`search dest_port=4* | table host dest_port`,
		`search EventCode=1 | stats earliest(user) as first latest(user) as last earliest_time(user) as t0 by host`,
		`search sourcetype=test:st index=main | where EventCode=1 | stats count by Image`,
		`search EventCode=* | eval code=EventCode | stats count by code`,
		`search user=b* | head 1 | table user host`,
		`search * | stats count by _time`,
		`search EventCode=1 | rename user as account | stats count by account`,
		`search EventCode=* | rename user as EventCode | stats count by EventCode`,
		`search EventCode=* | rename nosuch as user, host as h | table h user host`,
		`search * | bin _time span=1m | stats count by _time`,
		`search * | fillnull value=none user | stats count by user`,
		`search * | rename user as u | fillnull value=x u | stats count by u`,
		`search * | eval p=mvindex(dest_port, 1), q=mvindex(dest_port, 0, -1), j=mvjoin(tag, "+"), none=mvindex(user, 3) | table host p q j none`,
		`search WMIC OR Mimikatz | stats count by EventCode`,
	}
}
