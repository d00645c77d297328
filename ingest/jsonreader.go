package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"time"
)

// jsonReader reads JSON lines events: NXLog im_msvistalog output or any
// other flat JSON objects. Every top-level member becomes a field, in
// order, with its key exactly as written (NXLog's "ProcessID", the Sysmon
// service, is not EventData's "ProcessId"). Strings are kept verbatim after
// JSON unescaping (NXLog left "&gt;" in some values: it stays "&gt;");
// numbers, true and false as written; null members are left out; nested
// objects and arrays as their JSON text.
//
// _time is Sysmon's UtcTime ("2020-08-01 07:53:11.123", UTC), else
// @timestamp (RFC 3339 or epoch seconds); only when neither exists,
// EventTime or EventReceivedTime read as UTC (the forwarder's local time:
// reported as a warning).
type jsonReader struct {
	lr       lineReader
	scratch  []byte
	nxlog    bool
	fallback int // events timed from EventTime/EventReceivedTime
	noTime   int
}

// NewNXLogReader reads NXLog im_msvistalog JSON lines from r. Events get
// Windows metadata: host from Hostname, source XmlWinEventLog:<Channel>,
// sourcetype XmlWinEventLog.
func NewNXLogReader(r io.Reader) Reader {
	return &jsonReader{lr: newLineReader(r), nxlog: true}
}

// NewJSONReader reads generic JSON lines events from r (host, source and
// sourcetype are left to the caller, except a "host" member).
func NewJSONReader(r io.Reader) Reader {
	return &jsonReader{lr: newLineReader(r)}
}

// Warnings implements Warner.
func (j *jsonReader) Warnings() []string {
	var w []string
	if j.fallback > 0 {
		w = append(w, fmt.Sprintf("%d events had no UtcTime or @timestamp; _time taken from EventTime/EventReceivedTime read as UTC", j.fallback))
	}
	if j.noTime > 0 {
		w = append(w, fmt.Sprintf("%d events had no time field; their _time is 0", j.noTime))
	}
	return w
}

func (j *jsonReader) Next() (*Event, error) {
	for {
		line, err := j.lr.next()
		if err != nil {
			return nil, err
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			continue
		}
		ev := &Event{Line: j.lr.line, Raw: string(t)}
		if cap(j.scratch) < len(t) {
			j.scratch = make([]byte, 0, len(t)+len(t)/2)
		}
		raw := []byte(ev.Raw)
		var fields []Field
		scratch := j.scratch[:0]
		err = scanObject(raw, &scratch, func(k, v []byte, kind byte) {
			if kind == jsonNull {
				return
			}
			fields = append(fields, Field{string(k), string(v)})
		})
		if err != nil {
			return nil, &SkipError{j.lr.line, err.Error()}
		}
		ev.Fields = fields
		j.meta(ev)
		return ev, nil
	}
}

func (j *jsonReader) meta(ev *Event) {
	var utc, ts, evTime, recv string
	var haveUTC, haveTS, haveEv, haveRecv bool
	for _, f := range ev.Fields {
		switch f.Name {
		case "UtcTime":
			utc, haveUTC = f.Value, true
		case "@timestamp":
			ts, haveTS = f.Value, true
		case "EventTime":
			evTime, haveEv = f.Value, true
		case "EventReceivedTime":
			recv, haveRecv = f.Value, true
		case "Hostname":
			if j.nxlog {
				ev.Host = f.Value
			}
		case "host":
			if !j.nxlog {
				ev.Host = f.Value
			}
		case "Channel":
			if j.nxlog {
				ev.Source = "XmlWinEventLog:" + f.Value
			}
		}
	}
	if j.nxlog {
		ev.Sourcetype = FormatXML
	}
	var ok bool
	if haveUTC {
		ev.Time, ok = parseLocalTime(utc)
	}
	if !ok && haveTS {
		ev.Time, ok = parseTimestamp(ts)
	}
	if !ok && (haveEv || haveRecv) {
		if ev.Time, ok = parseLocalTime(evTime); !ok {
			ev.Time, ok = parseLocalTime(recv)
		}
		if ok {
			j.fallback++
		}
	}
	if !ok {
		j.noTime++
	}
}

// parseLocalTime reads "2006-01-02 15:04:05[.fff]" as UTC.
func parseLocalTime(s string) (float64, bool) {
	t, err := time.Parse("2006-01-02 15:04:05.999999999", s)
	if err != nil {
		return 0, false
	}
	return epoch(t), true
}

// parseTimestamp reads RFC 3339 or epoch seconds.
func parseTimestamp(s string) (float64, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return epoch(t), true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	return parseLocalTime(s)
}
