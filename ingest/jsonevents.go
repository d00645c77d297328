package ingest

import (
	"strings"
	"time"
)

// parseNXLogRecord reads one NXLog im_msvistalog JSON line. Every top-level
// member becomes a field with its key as written (NXLog's ProcessID is the
// Sysmon service, not EventData's ProcessId); strings are unescaped
// (NXLog's own "&gt;" stays), numbers and booleans as written, null members
// left out, nested values as their JSON text. EventCode (= EventID) and
// Computer (= Hostname) are added when absent, so the Windows knowledge
// applies. Metadata: sourcetype XmlWinEventLog, source
// XmlWinEventLog:<Channel>, host Hostname.
func parseNXLogRecord(p *parser, rec string, line int) {
	rec = strings.TrimSpace(rec)
	if rec == "" {
		return
	}
	ev := p.newEvent(rec, line)
	base := view(rec)
	if cap(p.buf) < len(rec) {
		p.buf = make([]byte, 0, len(rec)+len(rec)/2)
	}
	scratch := p.buf[:0]
	p.dropped = false
	err := scanObject(base, &scratch, func(k, v []byte, kind byte) {
		switch {
		case kind == jsonNull:
		case len(ev.fields) >= maxJSONFields:
			p.dropped = true
		default:
			ev.fields = append(ev.fields, Field{p.intern(str(k, rec)), str(v, rec)})
		}
	})
	if err != nil {
		p.skip(line, err.Error())
		return
	}
	if p.dropped {
		p.truncatedAt(line)
	}
	ev.Sourcetype = FormatXML
	if v, ok := ev.Get("EventID"); ok {
		if _, has := ev.Get("EventCode"); !has {
			ev.fields = append(ev.fields, Field{"EventCode", v})
		}
	}
	if v, ok := ev.Get("Hostname"); ok {
		ev.Host = v
		if _, has := ev.Get("Computer"); !has {
			ev.fields = append(ev.fields, Field{"Computer", v})
		}
	}
	if v, ok := ev.Get("Channel"); ok {
		ev.Source = "XmlWinEventLog:" + v
	}
	p.jsonTime(ev, true)
	p.emit(ev)
}

// jsonTime sets ev.Time from the first time field (defaultTimeFields:
// UtcTime, @timestamp, _time, timestamp, time, TimeCreated, ...; see
// clock.parse for the formats); with nxlog, EventTime or
// EventReceivedTime read in the input zone (Options.InputTZ, default UTC)
// when nothing better exists (counted: reported as a warning).
func (p *parser) jsonTime(ev *Event, nxlog bool) {
	if p.eventTime(ev, p.clock, defaultTimeFields) || !nxlog {
		return
	}
	for _, name := range []string{"EventTime", "EventReceivedTime"} {
		if v, ok := ev.Get(name); ok {
			if t, ok := parseTimestampIn(v, p.clock.location()); ok {
				ev.Time = t
				p.timeFallback++
				return
			}
		}
	}
}

// parseWinlogbeatRecord reads one Winlogbeat JSON line, of Winlogbeat 7
// and later (ECS, winlog.*), ECS-style exports with dotted keys
// ("winlog.channel"), or Winlogbeat 6 (event_data.*, event_id, log_name,
// ...; see winlogbeat6). Members are
// flattened (see flattenJSON); winlog.event_data.X and winlog.user_data.X
// become X, and the System fields get their XmlWinEventLog names:
// winlog.event_id → EventID and EventCode, winlog.channel → Channel,
// winlog.computer_name → Computer, winlog.provider_name → SourceName,
// winlog.record_id → EventRecordID, winlog.user.identifier → UserID,
// winlog.version → Version; other members keep their dotted names
// (host.name, event.code, ...). _time is @timestamp. Metadata:
// sourcetype XmlWinEventLog, source XmlWinEventLog:<channel>, host the
// computer name.
func parseWinlogbeatRecord(p *parser, rec string, line int) {
	rec = strings.TrimSpace(rec)
	if rec == "" {
		return
	}
	ev := p.newEvent(rec, line)
	truncated, err := flattenJSON(rec, func(name, v string) {
		switch {
		case strings.HasPrefix(name, "winlog.event_data."):
			ev.fields = append(ev.fields, Field{p.intern(name[len("winlog.event_data."):]), v})
		case strings.HasPrefix(name, "winlog.user_data."):
			ev.fields = append(ev.fields, Field{p.intern(name[len("winlog.user_data."):]), v})
		case name == "winlog.event_id":
			ev.fields = append(ev.fields, Field{"EventCode", v}, Field{"EventID", v})
		case name == "winlog.channel":
			ev.fields = append(ev.fields, Field{"Channel", v})
			ev.Source = "XmlWinEventLog:" + v
		case name == "winlog.computer_name":
			ev.fields = append(ev.fields, Field{"Computer", v})
			ev.Host = v
		case name == "winlog.provider_name":
			ev.fields = append(ev.fields, Field{"SourceName", v})
		case name == "winlog.record_id":
			ev.fields = append(ev.fields, Field{"EventRecordID", v})
		case name == "winlog.user.identifier":
			ev.fields = append(ev.fields, Field{"UserID", v})
		case name == "winlog.version":
			ev.fields = append(ev.fields, Field{"Version", v})
		case p.winlogbeat6(ev, name, v):
		default:
			ev.fields = append(ev.fields, Field{p.intern(name), v})
		}
	})
	if err != nil {
		p.skip(line, err.Error())
		return
	}
	if truncated {
		p.truncatedAt(line)
	}
	if _, ok := ev.Get("EventCode"); !ok {
		if v, ok := ev.Get("event.code"); ok {
			// ECS documents may carry the event ID only as event.code
			ev.fields = append(ev.fields, Field{"EventCode", v}, Field{"EventID", v})
		} else {
			p.skip(line, "Winlogbeat event without winlog.event_id, event_id or event.code")
			return
		}
	}
	ev.Sourcetype = FormatXML
	p.jsonTime(ev, false)
	p.emit(ev)
}

// parseJSONRecord reads one generic JSON line (sourcetype _json): members
// flattened Splunk-style (see flattenJSON). host is a top-level "host"
// member when there is one.
func parseJSONRecord(p *parser, rec string, line int) {
	rec = strings.TrimSpace(rec)
	if rec == "" {
		return
	}
	ev := p.newEvent(rec, line)
	truncated, err := flattenJSON(rec, func(name, v string) {
		ev.fields = append(ev.fields, Field{p.intern(name), v})
	})
	if err != nil {
		p.skip(line, err.Error())
		return
	}
	if truncated {
		p.truncatedAt(line)
	}
	if v, ok := ev.Get("host"); ok {
		ev.Host = v
	}
	ev.Sourcetype = FormatJSON
	p.jsonTime(ev, false)
	p.emit(ev)
}

// parseTimestamp reads a time as parseTimestampIn does, zone-less times
// as UTC.
func parseTimestamp(s string) (float64, bool) { return parseTimestampIn(s, time.UTC) }
