package ingest

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// TestPack: packing keeps every field, in order, whatever the value
// (inside Raw, outside it, empty, repeated), in both the narrow and the
// wide layout, and Add after packing appends.
func TestPack(t *testing.T) {
	for _, size := range []int{10, 70000} {
		raw := "<Event>" + strings.Repeat("x", size) + "<Data>cmd.exe</Data><Data>C:\\a b</Data></Event>"
		at := func(s string) string { i := strings.Index(raw, s); return raw[i : i+len(s)] }
		fields := []Field{
			{"Image", at("cmd.exe")}, {"process_name", at("cmd.exe")}, // alias: same bytes
			{"Path", at(`C:\a b`)}, {"Empty", ""},
			{"tag", "process"}, {"tag", "report"}, {"tag2", "process"}, // outside Raw, repeated
			{"Image", at("cmd.exe")},
		}
		p := &parser{}
		ev := &Event{Raw: raw, fields: append([]Field(nil), fields...)}
		p.pack(ev)
		if !ev.compact() {
			t.Fatalf("size %d: not packed", size)
		}
		if wide := len(ev.vals) != len(ev.names); wide != (size > 0xffff) {
			t.Errorf("size %d: wide layout %v", size, wide)
		}
		if ev.extra != "processreport" {
			t.Errorf("size %d: arena %q, want each value outside Raw once", size, ev.extra)
		}
		if d := cmp.Diff(fields, ev.Fields()); d != "" {
			t.Errorf("size %d: fields (-want +got):\n%s", size, d)
		}
		if v, _ := ev.Get("Path"); v != `C:\a b` || ev.Len() != len(fields) {
			t.Errorf("size %d: Get(Path) %q, Len %d", size, v, ev.Len())
		}
		if d := cmp.Diff([]string{"cmd.exe", "cmd.exe"}, ev.Values("Image")); d != "" {
			t.Errorf("size %d: Values(Image) (-want +got):\n%s", size, d)
		}
		ev.Add("tag", "new")
		if d := cmp.Diff(append(fields, Field{"tag", "new"}), ev.Fields()); d != "" {
			t.Errorf("size %d: after Add (-want +got):\n%s", size, d)
		}
	}
}

// TestPackSharesNames: events with the same field names share one name
// slice, and the names are copies (no read buffer pinned); the same
// values outside Raw share one arena.
func TestPackSharesNames(t *testing.T) {
	p := &parser{}
	var evs []*Event
	for _, raw := range []string{"<a>Image=1</a>", "<b>Image=2</b>"} {
		ev := &Event{Raw: raw, fields: []Field{{raw[3:8], raw[9:10]}, {"tag", "process"}}}
		p.pack(ev)
		evs = append(evs, ev)
	}
	if &evs[0].names[0] != &evs[1].names[0] {
		t.Error("same names, different name slices")
	}
	if unsafe.StringData(evs[0].extra) != unsafe.StringData(evs[1].extra) {
		t.Error("same values outside Raw, different arenas")
	}
	for _, ev := range evs {
		lo := uintptr(unsafe.Pointer(unsafe.StringData(ev.Raw)))
		q := uintptr(unsafe.Pointer(unsafe.StringData(ev.names[0])))
		if q >= lo && q < lo+uintptr(len(ev.Raw)) {
			t.Errorf("name %q points into Raw %q", ev.names[0], ev.Raw)
		}
	}
	if v, _ := evs[1].Get("Image"); v != "2" {
		t.Errorf("second event: Image=%q", v)
	}
}
