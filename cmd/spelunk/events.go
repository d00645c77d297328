package main

import (
	"bufio"
	"fmt"
	"strconv"

	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/internal/termsafe"
)

// eventsCmd is `spelunk events`: the events spelunk reads from logs, as it
// sees them.
type eventsCmd struct {
	Format            string   `help:"Output format: json (one object per event: _time, host, source, sourcetype, index, then the extracted fields; a field with several values is an array) or xml (the event's raw text; for .evtx, the record's XML)." enum:"json,xml" default:"json"`
	Sourcetype        string   `help:"Read every file as this sourcetype instead of detecting it." placeholder:"ST"`
	DecodeXMLEntities bool     `help:"Decode entity references (&amp; &gt; ...) in XmlWinEventLog field values." name:"decode-xml-entities"`
	Mappings          string   `help:"YAML file of field extractions, eventtypes and data-model mappings that extends or overrides the built-in ones." placeholder:"FILE"`
	Files             []string `arg:"" help:"Log files or directories (.evtx, XmlWinEventLog, JSON, CSV...; .gz, .tar.gz, .zip read in place)." placeholder:"FILE"`
	memoryFlag
	deadlineFlag
}

// Run implements the subcommand.
func (c *eventsCmd) Run(e *env) error {
	maps, err := readMappings(c.Mappings)
	if err != nil {
		return err
	}
	opts := ingest.Options{
		Sourcetype: c.Sourcetype, DecodeXMLEntities: c.DecodeXMLEntities,
		Mappings: maps, Progress: terminal(e.stderr),
	}
	ctx, stop, err := commandLimits(c.memoryFlag, c.deadlineFlag, "reading logs")
	if err != nil {
		return err
	}
	defer stop()
	w := bufio.NewWriterSize(e.stdout, 256<<10)
	var line []byte
	_, rep, err := ingest.Walk(ctx, c.Files, opts, func(ev *ingest.Event) error {
		if c.Format == "xml" {
			line = append(line[:0], ev.Raw...)
		} else {
			line = appendEventJSON(line[:0], ev)
		}
		line = append(line, '\n')
		_, err := w.Write(line)
		return err
	})
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	err = stopCause(ctx, err)
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	fmt.Fprintln(e.stderr, termsafe.Text(rep.Summary()))
	return nil
}

// appendEventJSON writes one event as a JSON object: the metadata, then
// every field in the order spelunk extracted it; a name seen several
// times (unnamed <Data> elements, multivalue fields) gets an array.
func appendEventJSON(dst []byte, ev *ingest.Event) []byte {
	dst = append(dst, `{"_time":`...)
	dst = strconv.AppendFloat(dst, ev.Time, 'f', -1, 64)
	for _, m := range [...][2]string{{"host", ev.Host}, {"source", ev.Source}, {"sourcetype", ev.Sourcetype}, {"index", ev.Index}} {
		dst = appendJSONMember(dst, m[0])
		dst = appendJSONString(dst, m[1])
	}
	fields := ev.Fields()
	seen := make(map[string]bool, len(fields))
	for _, f := range fields {
		if seen[f.Name] {
			continue
		}
		seen[f.Name] = true
		dst = appendJSONMember(dst, f.Name)
		vals := ev.Values(f.Name)
		if len(vals) == 1 {
			dst = appendJSONString(dst, vals[0])
			continue
		}
		dst = append(dst, '[')
		for i, v := range vals {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSONString(dst, v)
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

func appendJSONMember(dst []byte, name string) []byte {
	dst = append(dst, ',')
	dst = appendJSONString(dst, name)
	return append(dst, ':')
}

// appendJSONString writes s as a JSON string, leaving <, > and & as they
// are (XML values stay readable).
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}
