package ingest

import (
	"bytes"
	"strings"
	"time"
)

// winStartsRecord reports whether a line starts a record of a Windows
// event log export: an XML <Event> element or a classic WinEventLog text
// record ("01/14/2021 11:41:39 PM").
func winStartsRecord(line []byte) bool {
	t := bytes.TrimLeft(line, " \t\r\xef\xbb\xbf")
	return startsEvent(t) || isDateLine(t)
}

func startsEvent(line []byte) bool {
	return bytes.HasPrefix(line, []byte("<Event")) && len(line) > 6 &&
		(line[6] == ' ' || line[6] == '>' || line[6] == '\t' || line[6] == '\r' || line[6] == '\n')
}

// parseWinRecord reads one record of a Windows event log export: an XML
// event (sourcetype XmlWinEventLog; Linux Sysmon XML gets sysmon:linux) or
// a classic multi-line text record (sourcetype WinEventLog). Anything else
// is skipped.
func parseWinRecord(p *parser, rec string, line int) {
	lead := len(rec) - len(strings.TrimLeft(rec, " \t\r\n\ufeff"))
	line += strings.Count(rec[:lead], "\n")
	t := rec[lead:]
	switch {
	case len(strings.TrimSpace(t)) == 0:
		return
	case strings.HasPrefix(t, "<Event"):
		end := strings.Index(t, "</Event>")
		if end < 0 {
			p.skip(line, "unterminated <Event> element")
			return
		}
		end += len("</Event>")
		ev := p.newEvent(t[:end], line)
		if reason := parseXMLEvent(ev.Raw, ev); reason != "" {
			p.skip(line, reason)
		} else {
			p.xmlMeta(ev)
			p.emit(ev)
		}
		// text after the element (same line or lines that start no record)
		if rest := t[end:]; strings.TrimSpace(rest) != "" {
			trimmed := strings.TrimLeft(rest, " \t\r\n")
			restLine := line + strings.Count(t[:end], "\n") + strings.Count(rest[:len(rest)-len(trimmed)], "\n")
			p.skip(restLine, "not an XML event: "+clip(firstLine(trimmed)))
		}
	case isDateLine([]byte(firstLine(t))):
		p.winText(strings.TrimRight(t, " \t\r\n"), line)
	default:
		p.skip(line, "not an XML event: "+clip(firstLine(t)))
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimRight(s[:i], "\r")
	}
	return s
}

// xmlMeta sets _time, host, source and sourcetype from the System fields.
// Linux Sysmon events (Provider Linux-Sysmon) get the Sysmon for Linux
// add-on's sourcetype sysmon:linux and source Syslog:Linux-Sysmon/Operational.
func (p *parser) xmlMeta(ev *Event) {
	var provider, channel string
	for _, f := range ev.fields {
		switch f.Name {
		case "SystemTime":
			if t, err := time.Parse(time.RFC3339Nano, f.Value); err == nil {
				ev.Time = epoch(t)
			}
		case "Computer":
			ev.Host = f.Value
		case "Channel":
			channel = f.Value
		case "SourceName":
			provider = f.Value
		}
	}
	if provider == "Linux-Sysmon" {
		ev.Sourcetype = FormatSysmonLinux
		ev.Source = "Syslog:Linux-Sysmon/Operational"
	} else {
		ev.Sourcetype = FormatXML
		ev.Source = "XmlWinEventLog:" + channel
	}
}

// winText reads a classic WinEventLog text record:
//
//	01/14/2021 11:41:39 PM
//	LogName=Microsoft-Windows-PowerShell/Operational
//	SourceName=Microsoft-Windows-PowerShell
//	EventCode=4104
//	...
//	Message=Creating Scriptblock text (1 of 1):
//	<more message lines>
//
// Every Key=Value line before Message= is a field; Message is the rest of
// the record, newlines kept. The header time has no zone: it is read in
// Options.InputTZ, UTC by default (Splunk would use the forwarder's zone). Metadata: sourcetype
// WinEventLog, source WinEventLog:<LogName>, host <ComputerName>.
func (p *parser) winText(rec string, line int) {
	ev := p.newEvent(rec, line)
	head, body, _ := strings.Cut(rec, "\n")
	if t, err := time.ParseInLocation("01/02/2006 3:04:05 PM", strings.TrimSpace(head), p.clock.location()); err == nil {
		ev.Time = epoch(t)
	}
	for body != "" {
		var l string
		l, body, _ = strings.Cut(body, "\n")
		l = strings.TrimRight(l, "\r")
		k, v, ok := strings.Cut(l, "=")
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			continue // a line that is not Key=Value (blank, wrapped)
		}
		if k == "Message" {
			ev.fields = append(ev.fields, Field{"Message", strings.TrimRight(v+"\n"+body, " \t\r\n")})
			break
		}
		ev.fields = append(ev.fields, Field{k, v})
		switch k {
		case "LogName":
			ev.Source = "WinEventLog:" + v
		case "ComputerName":
			ev.Host = v
		}
	}
	if _, ok := ev.Get("EventCode"); !ok {
		p.skip(line, "WinEventLog text record without EventCode")
		return
	}
	ev.Sourcetype = FormatWinEventLog
	p.emit(ev)
}

// parseSysmonLinuxRecord reads one syslog line carrying a Sysmon for Linux
// XML event ("Aug  9 10:42:47 ar-linux sysmon: <Event>...</Event>"). _raw
// is the whole line; fields and time come from the XML.
func parseSysmonLinuxRecord(p *parser, rec string, line int) {
	rec = strings.TrimRight(rec, "\r\n")
	if strings.TrimSpace(rec) == "" {
		return
	}
	i := strings.Index(rec, "<Event")
	if i < 0 {
		p.skip(line, "no <Event> in syslog line: "+clip(rec))
		return
	}
	end := strings.Index(rec[i:], "</Event>")
	if end < 0 {
		p.skip(line, "unterminated <Event> element")
		return
	}
	ev := p.newEvent(rec, line)
	if reason := parseXMLEvent(rec[i:i+end+len("</Event>")], ev); reason != "" {
		p.skip(line, reason)
		return
	}
	p.xmlMeta(ev)
	ev.Sourcetype = FormatSysmonLinux
	ev.Source = "Syslog:Linux-Sysmon/Operational"
	p.emit(ev)
}

// isDateLine reports whether line starts like a classic WinEventLog text
// record: "01/14/2021 11:41:39 PM".
func isDateLine(line []byte) bool {
	// MM/DD/YYYY H:MM:SS or HH:MM:SS, then " AM"/" PM"
	if len(line) < 19 {
		return false
	}
	d := func(i int) bool { return line[i] >= '0' && line[i] <= '9' }
	if !(d(0) && d(1) && line[2] == '/' && d(3) && d(4) && line[5] == '/' && d(6) && d(7) && d(8) && d(9) && line[10] == ' ') {
		return false
	}
	rest := line[11:]
	i := 0
	for i < len(rest) && i < 2 && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	if i == 0 || len(rest) < i+9 {
		return false
	}
	r := rest[i:]
	return r[0] == ':' && r[3] == ':' && r[6] == ' ' && (r[7] == 'A' || r[7] == 'P') && r[8] == 'M'
}

// epoch converts t to float64 epoch seconds with fraction, truncated to
// microseconds: Splunk keeps _time to the microsecond at most, and a
// float64 cannot hold today's epoch seconds to 100 ns anyway (Windows'
// 7-digit SystemTime fraction would print as 1715674502.3456788).
func epoch(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond()/1000)/1e6
}

func clip(s string) string {
	const max = 40
	if len(s) > max {
		return strconvQuote(s[:max]) + "..."
	}
	return strconvQuote(s)
}
