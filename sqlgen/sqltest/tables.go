package sqltest

import "github.com/spelunk-dev/spelunk/cim"

// ConformanceTables is a small Endpoint.Processes table with the values
// where SQL and Splunk part ways: case, numbers as strings, nulls, IPs,
// time ties.
func ConformanceTables() cim.Tables {
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

// ConformanceQueries are tstats searches over ConformanceTables and the
// lookups of ConformanceContent.
func ConformanceQueries() []string {
	return []string{
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
		`| tstats count from datamodel=Endpoint.Processes by Processes.process Processes.dest | rename Processes.* as * | lookup paths path AS process host AS dest OUTPUT note`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.process Processes.dest | rename Processes.* as * | lookup paths path AS process host AS dest`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.process | rename Processes.* as * | lookup procs pattern AS process OUTPUT kind`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | lookup hosts dest user OUTPUT owner`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | lookup hosts dest OUTPUT owner user AS u`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | lookup hosts dest AS count OUTPUTNEW owner`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | lookup hosts dest AS nosuch OUTPUT owner AS dest`,
		`| tstats count values(Processes.user) as users from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | eval user="x" | lookup users user OUTPUTNEW role AS users team`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.user | rename Processes.user as user | lookup users user OUTPUT role | lookup users role AS user OUTPUT team`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | join type=left dest [| tstats count as c2 from datamodel=Endpoint.Processes where Processes.user=bob by Processes.dest | rename Processes.dest as dest]`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | join type=left nosuch [| tstats count as c2 from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest]`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | join max=0 dest [| tstats count as c2 from datamodel=Endpoint.Processes by Processes.dest Processes.process_name | rename Processes.* as *]`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | eval u=if(user="bob", null(), user) | where NOT (u="x" AND count > 5)`,
		`| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user | rename Processes.* as * | eval u=if(user="bob", null(), user) | where u="alice" OR count >= 1`,
		`| tstats count values(Processes.user) as user max(_time) as _time from datamodel=Endpoint.Processes by Processes.dest | where count > 0`,
		`| tstats count min(_time) as firstTime from datamodel=Endpoint.Processes by _time span=1h | stats sum(count) as count values(firstTime) as firstTime by _time`,
		`| tstats count dc(Processes.user) as users from datamodel=Endpoint.Processes by Processes.dest | rename Processes.dest as dest | eval c=if(dest="h1", count, 0.5), d=case(users > 1, users, true(), 0), l=if(dest="h1", len(dest), 0.5) | eventstats sum(c) as sc | stats sum(d) as sd max(count) as mc by dest`,
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
}
