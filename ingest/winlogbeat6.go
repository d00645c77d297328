package ingest

import (
	"bytes"
	"strings"
)

// isWinlogbeatLike reports whether a JSON line looks like Windows events
// from Winlogbeat in a form without a "winlog" object: ECS-style exports
// with dotted keys ("winlog.channel", "winlog.event_data.Image") and
// Winlogbeat 6 (the HELK/Mordor datasets of 2019: "event_data",
// "event_id", "log_name", "source_name", "computer_name").
func isWinlogbeatLike(line []byte) bool {
	has := func(key string) bool { return bytes.Contains(line, []byte(`"`+key+`"`)) }
	switch {
	case bytes.Contains(line, []byte(`"winlog.`)):
		return true
	case has("event_data"):
		return has("event_id") || has("log_name") || has("source_name")
	case has("event_id"):
		return has("log_name") || has("source_name")
	}
	return false
}

// winlogbeat6 gives Winlogbeat 6's members (flattened name, value) the
// names of the Windows event fields, as Winlogbeat 7's winlog.* members
// get them: event_data.X and user_data.X become X, event_id EventCode and
// EventID, log_name Channel (and the source XmlWinEventLog:<log_name>),
// computer_name Computer (and the host), source_name SourceName,
// record_number EventRecordID, user.identifier UserID; process_id and
// thread_id (the logging process) get Winlogbeat 7's winlog.process.pid
// and winlog.process.thread.id. It reports whether name was one of them.
// Other members (level, task, opcode, beat.*, message, ...) keep their
// names.
func (p *parser) winlogbeat6(ev *Event, name, v string) bool {
	switch {
	case strings.HasPrefix(name, "event_data."):
		ev.fields = append(ev.fields, Field{p.intern(name[len("event_data."):]), v})
	case strings.HasPrefix(name, "user_data."):
		ev.fields = append(ev.fields, Field{p.intern(name[len("user_data."):]), v})
	case name == "event_id":
		ev.fields = append(ev.fields, Field{"EventCode", v}, Field{"EventID", v})
	case name == "log_name":
		ev.fields = append(ev.fields, Field{"Channel", v})
		ev.Source = "XmlWinEventLog:" + v
	case name == "computer_name":
		ev.fields = append(ev.fields, Field{"Computer", v})
		ev.Host = v
	case name == "source_name":
		ev.fields = append(ev.fields, Field{"SourceName", v})
	case name == "record_number":
		ev.fields = append(ev.fields, Field{"EventRecordID", v})
	case name == "user.identifier":
		ev.fields = append(ev.fields, Field{"UserID", v})
	case name == "process_id":
		// the logging process (System/Execution), not the event's
		// process: the name Winlogbeat 7 gives it, so that it is not
		// taken for the CIM process_id
		ev.fields = append(ev.fields, Field{"winlog.process.pid", v})
	case name == "thread_id":
		ev.fields = append(ev.fields, Field{"winlog.process.thread.id", v})
	default:
		return false
	}
	return true
}
