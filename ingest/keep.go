package ingest

import (
	"strings"
	"unsafe"
)

// detach copies ev's text out of the read buffer it shares with the other
// records of its chunk (Options.Keep): fields and metadata that pointed
// into Raw (values, and names the reader sliced from it) point into the
// copy, so the chunk is freed once the events
// Keep dropped are.
func detach(ev *Event) {
	old := ev.Raw
	if old == "" {
		return
	}
	raw := strings.Clone(old)
	move := func(s string) string {
		if len(s) == 0 {
			return s
		}
		base := uintptr(unsafe.Pointer(unsafe.StringData(old)))
		q := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		if q >= base && q+uintptr(len(s)) <= base+uintptr(len(old)) {
			off := int(q - base)
			return raw[off : off+len(s)]
		}
		return s
	}
	ev.Raw = raw
	for i := range ev.fields {
		f := &ev.fields[i]
		f.Name, f.Value = move(f.Name), move(f.Value)
	}
	ev.Host, ev.Source, ev.Sourcetype, ev.Index = move(ev.Host), move(ev.Source), move(ev.Sourcetype), move(ev.Index)
}
