package ingest

import (
	"strings"
	"unsafe"
)

// maxShapes bounds the field-name lists a parser shares between events
// (JSON events may each have their own names).
const maxShapes = 4096

// pack stores ev's fields in the compact form (see Event): the values
// that lie inside Raw become offsets, the others are copied to one
// per-event arena, and the names are a slice shared with the earlier
// events of this parser that had the same names in the same order. It
// leaves ev.fields to the caller (nil on return) and does nothing for
// texts too long for 31-bit offsets.
func (p *parser) pack(ev *Event) {
	fs := ev.fields
	if len(fs) == 0 || len(ev.Raw) >= inExtra {
		return
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(ev.Raw)))
	end := base + uintptr(len(ev.Raw))
	vals := make([]uint32, 2*len(fs))
	arena := p.arena[:0]
	for i := range fs {
		v := fs[i].Value
		if len(v) == 0 {
			continue
		}
		q := uintptr(unsafe.Pointer(unsafe.StringData(v)))
		if q >= base && q+uintptr(len(v)) <= end {
			vals[2*i], vals[2*i+1] = uint32(q-base), uint32(len(v))
			continue
		}
		if j := indexSmall(arena, v); j >= 0 {
			vals[2*i], vals[2*i+1] = uint32(j)|inExtra, uint32(len(v))
			continue
		}
		if len(arena)+len(v) >= inExtra {
			return
		}
		vals[2*i], vals[2*i+1] = uint32(len(arena))|inExtra, uint32(len(v))
		arena = append(arena, v...)
	}
	p.arena = arena
	ev.names = p.shape(fs)
	ev.vals = vals
	ev.extra = string(arena)
	ev.fields = nil
}

// shape returns the names of fs as a slice shared by the events with the
// same names (copies of the names, so that no read buffer stays pinned).
func (p *parser) shape(fs []Field) []string {
	key := p.shapeKey[:0]
	for i := range fs {
		key = append(key, fs[i].Name...)
		key = append(key, 0)
	}
	p.shapeKey = key
	if names, ok := p.shapes[string(key)]; ok {
		return names
	}
	names := make([]string, len(fs))
	for i := range fs {
		names[i] = p.intern(fs[i].Name)
	}
	if p.shapes == nil {
		p.shapes = map[string][]string{}
	}
	if len(p.shapes) < maxShapes {
		p.shapes[string(key)] = names
	}
	return names
}

// indexSmall is the offset of v in a small arena (-1: absent, or the
// arena is too long to search).
func indexSmall(arena []byte, v string) int {
	if len(arena) > 512 {
		return -1
	}
	return strings.Index(unsafe.String(unsafe.SliceData(arena), len(arena)), v)
}
