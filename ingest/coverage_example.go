package ingest

import (
	"errors"
	"io"
	"strings"
)

// exampleEvent reads s's example in the format its sourcetype names,
// with its source and sourcetype, enriched with m; nil when it cannot. An
// XML example cut short (security_content keeps some examples' first
// lines only) is read up to its last complete element, and cut is true.
func exampleEvent(s DataSourceSpec, m *Mappings) (ev *Event, cut bool) {
	raw := strings.TrimSpace(s.ExampleLog)
	if raw == "" {
		return nil, false
	}
	if ev = readExample(s, raw); ev == nil {
		if fixed, ok := closeCutXML(raw); ok {
			ev, cut = readExample(s, fixed), true
		}
	}
	if ev == nil {
		return nil, false
	}
	if s.Source != "" {
		ev.Source = s.Source
	}
	if s.Sourcetype != "" && ev.Sourcetype == "" {
		ev.Sourcetype = s.Sourcetype
	}
	if ev.Index == "" {
		ev.Index = "main"
	}
	if ev.Host == "" {
		for _, h := range []string{"Computer", "ComputerName", "host.name", "Hostname"} {
			if v, ok := ev.Lookup(h); ok {
				ev.Host = v
				break
			}
		}
	}
	m.Enrich(ev)
	return ev, cut
}

// readExample reads the first event of raw in the data source's format.
func readExample(s DataSourceSpec, raw string) *Event {
	format, ok := FormatForSourcetype(s.Sourcetype)
	if !ok {
		format = Detect([]byte(raw))
	}
	r, err := NewReader(strings.NewReader(raw), format)
	if err != nil {
		return nil
	}
	ev, err := r.Next()
	if ev == nil || err != nil && !errors.Is(err, io.EOF) {
		return nil
	}
	return ev
}

// closeCutXML closes a Windows XML event cut short: it keeps the text up
// to the last complete element (a '>' outside a tag's text) and closes the
// EventData, UserData, System and Event elements left open. ok is false
// when raw is not a cut <Event>.
func closeCutXML(raw string) (string, bool) {
	if !strings.HasPrefix(raw, "<Event") || strings.Contains(raw, "</Event>") {
		return "", false
	}
	last := strings.LastIndexByte(raw, '>')
	if last < 0 {
		return "", false
	}
	t := raw[:last+1]
	// a start tag whose text was cut (<Data Name='X'>partial): drop it
	if lt := strings.LastIndexByte(t, '<'); lt > 0 && !strings.HasPrefix(t[lt:], "</") && !strings.HasSuffix(t, "/>") {
		t = t[:lt]
	}
	var sb strings.Builder
	sb.WriteString(t)
	for _, el := range []string{"EventData", "UserData", "System"} {
		if strings.Count(t, "<"+el+">")+strings.Count(t, "<"+el+" ") > strings.Count(t, "</"+el+">") {
			sb.WriteString("</" + el + ">")
		}
	}
	sb.WriteString("</Event>")
	return sb.String(), true
}
