package ingest

import (
	"strings"
	"unsafe"
)

// maxShapes bounds the field-name lists a parser shares between events
// (JSON events may each have their own names).
const maxShapes = 4096

// maxShapeKey bounds the length of a shared field-name list's key (its
// names joined), so that building the key costs at most this per event
// (an event may repeat one long name thousands of times) and the shared
// lists at most maxShapes times this; events with longer name lists keep
// their own.
const maxShapeKey = 16 << 10

// pack stores ev's fields in the compact form (see Event): the values
// that lie inside Raw become offsets, the others are copied to one
// per-event arena, and the names are a slice shared with the earlier
// events of this parser that had the same names in the same order. It
// leaves ev.fields to the caller (nil on return) and does nothing for
// texts too long for 31-bit offsets. When Raw and the arena together are
// under 64 KiB, each field is one word (16-bit offset and length), else
// two (see Event.valueAt).
func (p *parser) pack(ev *Event) {
	fs := ev.fields
	if len(fs) == 0 || len(ev.Raw) >= inExtra {
		return
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(ev.Raw)))
	end := base + uintptr(len(ev.Raw))
	wide := p.wide[:0]
	arena := p.arena[:0]
	for i := range fs {
		v := fs[i].Value
		q := uintptr(unsafe.Pointer(unsafe.StringData(v)))
		switch {
		case len(v) == 0:
			wide = append(wide, 0, 0)
			continue
		case q >= base && q+uintptr(len(v)) <= end:
			wide = append(wide, uint32(q-base), uint32(len(v)))
			continue
		}
		if j := indexSmall(arena, v); j >= 0 {
			wide = append(wide, uint32(j)|inExtra, uint32(len(v)))
			continue
		}
		if len(arena)+len(v) >= inExtra {
			return
		}
		wide = append(wide, uint32(len(arena))|inExtra, uint32(len(v)))
		arena = append(arena, v...)
	}
	p.wide = wide
	var vals []uint32
	if len(ev.Raw)+len(arena) <= 0xffff {
		// narrow: one word per field, offset<<16 | length, offsets past
		// Raw pointing into extra
		vals = make([]uint32, len(fs))
		for i := range vals {
			off, n := wide[2*i], wide[2*i+1]
			if off&inExtra != 0 {
				off = off&^inExtra + uint32(len(ev.Raw))
			}
			vals[i] = off<<16 | n
		}
	} else {
		vals = append([]uint32(nil), wide...)
	}
	p.arena = arena
	ev.names = p.shape(fs)
	ev.vals = vals
	ev.extra = p.arenaString(arena)
	ev.fields = nil
}

// shape returns the names of fs as a slice shared by the events with the
// same names (copies of the names, so that no read buffer stays pinned).
func (p *parser) shape(fs []Field) []string {
	key := p.shapeKey[:0]
	for i := range fs {
		if len(key)+len(fs[i].Name) >= maxShapeKey {
			key = nil // too long to share: the event keeps its own list
			break
		}
		key = append(key, fs[i].Name...)
		key = append(key, 0)
	}
	if key != nil {
		p.shapeKey = key
		if names, ok := p.shapes[string(key)]; ok {
			return names
		}
	}
	names := make([]string, len(fs))
	for i := range fs {
		names[i] = p.intern(fs[i].Name)
	}
	if p.shapes == nil {
		p.shapes = map[string][]string{}
	}
	if len(p.shapes) < maxShapes && key != nil {
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

// arenaString returns arena as a string, shared with the earlier events
// whose arena was the same (the values outside Raw are mostly constants of
// the search-time knowledge: tags, eventtypes, vendor_product, action).
func (p *parser) arenaString(arena []byte) string {
	if len(arena) == 0 {
		return ""
	}
	if s, ok := p.arenas[string(arena)]; ok {
		return s
	}
	s := string(arena)
	if p.arenas == nil {
		p.arenas = map[string]string{}
	}
	if len(p.arenas) < maxShapes && len(s) <= 512 {
		p.arenas[s] = s
	}
	return s
}
