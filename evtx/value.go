package evtx

import (
	"encoding/binary"
	"math"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// Value types of substitutions (0x80 marks an array of the type).
const (
	typeNull     = 0x00
	typeString   = 0x01
	typeAnsi     = 0x02
	typeInt8     = 0x03
	typeUint8    = 0x04
	typeInt16    = 0x05
	typeUint16   = 0x06
	typeInt32    = 0x07
	typeUint32   = 0x08
	typeInt64    = 0x09
	typeUint64   = 0x0a
	typeReal32   = 0x0b
	typeReal64   = 0x0c
	typeBool     = 0x0d
	typeBinary   = 0x0e
	typeGUID     = 0x0f
	typeSizeT    = 0x10
	typeFiletime = 0x11
	typeSystime  = 0x12
	typeSID      = 0x13
	typeHex32    = 0x14
	typeHex64    = 0x15
	typeHandle   = 0x20
	typeBinXML   = 0x21
	typeEvtXML   = 0x23
	typeArray    = 0x80
)

// escMode says which characters become entity references.
type escMode uint8

const (
	escNone escMode = iota
	escText         // & < >
	escAttr         // & < > and ' (attributes are single-quoted)
)

// fixedSize is the size of one item of a fixed-size type (0: variable).
func fixedSize(t byte) int {
	switch t {
	case typeInt8, typeUint8:
		return 1
	case typeInt16, typeUint16:
		return 2
	case typeInt32, typeUint32, typeReal32, typeBool, typeHex32:
		return 4
	case typeInt64, typeUint64, typeReal64, typeFiletime, typeHex64:
		return 8
	case typeGUID, typeSystime:
		return 16
	}
	return 0
}

// split cuts an array value into its items: NUL-terminated strings, or
// fixed-size items.
func (p *parser) split(v value) []value {
	t := v.typ &^ typeArray
	if v.off < 0 || v.n <= 0 || v.off+v.n > len(p.b) {
		return nil
	}
	data := p.b[v.off : v.off+v.n]
	var items []value
	switch t {
	case typeString:
		start := 0
		for i := 0; i+1 < len(data); i += 2 {
			if data[i] == 0 && data[i+1] == 0 {
				items = append(items, value{typ: t, off: v.off + start, n: i - start})
				start = i + 2
			}
		}
		if start < len(data)-1 {
			items = append(items, value{typ: t, off: v.off + start, n: len(data) - start})
		}
	case typeAnsi:
		start := 0
		for i := range data {
			if data[i] == 0 {
				items = append(items, value{typ: t, off: v.off + start, n: i - start})
				start = i + 1
			}
		}
		if start < len(data) {
			items = append(items, value{typ: t, off: v.off + start, n: len(data) - start})
		}
	case typeSizeT:
		size := 8
		if len(data)%8 != 0 {
			size = 4
		}
		for i := 0; i+size <= len(data); i += size {
			items = append(items, value{typ: t, off: v.off + i, n: size})
		}
	default:
		size := fixedSize(t)
		if size == 0 {
			return []value{{typ: t, off: v.off, n: v.n}}
		}
		for i := 0; i+size <= len(data); i += size {
			items = append(items, value{typ: t, off: v.off + i, n: size})
		}
	}
	return items
}

const hexDigits = "0123456789ABCDEF"

// appendValue writes one scalar value as Windows renders it.
func appendValue(dst []byte, t byte, b []byte, esc escMode) []byte {
	le := binary.LittleEndian
	if len(b) == 0 {
		return dst
	}
	if size := fixedSize(t); size > 0 && len(b) < size {
		return appendHex(dst, b) // malformed: show the bytes
	}
	switch t {
	case typeString, typeEvtXML:
		return appendUTF16(dst, b, esc)
	case typeAnsi:
		for _, c := range b {
			if c == 0 {
				break
			}
			dst = appendEscapedRune(dst, rune(c), esc)
		}
		return dst
	case typeInt8:
		return strconv.AppendInt(dst, int64(int8(b[0])), 10)
	case typeUint8:
		return strconv.AppendUint(dst, uint64(b[0]), 10)
	case typeInt16:
		return strconv.AppendInt(dst, int64(int16(le.Uint16(b))), 10)
	case typeUint16:
		return strconv.AppendUint(dst, uint64(le.Uint16(b)), 10)
	case typeInt32:
		return strconv.AppendInt(dst, int64(int32(le.Uint32(b))), 10)
	case typeUint32:
		return strconv.AppendUint(dst, uint64(le.Uint32(b)), 10)
	case typeInt64:
		return strconv.AppendInt(dst, int64(le.Uint64(b)), 10)
	case typeUint64:
		return strconv.AppendUint(dst, le.Uint64(b), 10)
	case typeReal32:
		return strconv.AppendFloat(dst, float64(math.Float32frombits(le.Uint32(b))), 'g', -1, 32)
	case typeReal64:
		return strconv.AppendFloat(dst, math.Float64frombits(le.Uint64(b)), 'g', -1, 64)
	case typeBool:
		if le.Uint32(b) != 0 {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case typeGUID:
		return appendGUID(dst, b)
	case typeSizeT, typeHex32, typeHex64:
		var n uint64
		switch {
		case len(b) >= 8:
			n = le.Uint64(b)
		case len(b) >= 4:
			n = uint64(le.Uint32(b))
		default:
			return appendHex(dst, b)
		}
		dst = append(dst, "0x"...)
		return strconv.AppendUint(dst, n, 16)
	case typeFiletime:
		return appendFiletime(dst, le.Uint64(b))
	case typeSystime:
		return appendSystime(dst, b)
	case typeSID:
		return appendSID(dst, b)
	}
	return appendHex(dst, b) // binary, handles, unknown types
}

func appendHex(dst, b []byte) []byte {
	for _, c := range b {
		dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
	}
	return dst
}

func appendHexN(dst []byte, v uint64, digits int) []byte {
	for i := digits - 1; i >= 0; i-- {
		dst = append(dst, hexDigits[(v>>(4*uint(i)))&15])
	}
	return dst
}

// appendGUID writes {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}.
func appendGUID(dst, b []byte) []byte {
	le := binary.LittleEndian
	dst = append(dst, '{')
	dst = appendHexN(dst, uint64(le.Uint32(b)), 8)
	dst = append(dst, '-')
	dst = appendHexN(dst, uint64(le.Uint16(b[4:])), 4)
	dst = append(dst, '-')
	dst = appendHexN(dst, uint64(le.Uint16(b[6:])), 4)
	dst = append(dst, '-')
	dst = appendHex(dst, b[8:10])
	dst = append(dst, '-')
	dst = appendHex(dst, b[10:16])
	return append(dst, '}')
}

// appendSID writes S-R-A-S1-S2-...; a malformed SID as hex.
func appendSID(dst, b []byte) []byte {
	if len(b) < 8 || len(b) < 8+4*int(b[1]) {
		return appendHex(dst, b)
	}
	dst = append(dst, "S-"...)
	dst = strconv.AppendUint(dst, uint64(b[0]), 10)
	var auth uint64
	for _, c := range b[2:8] {
		auth = auth<<8 | uint64(c)
	}
	dst = append(dst, '-')
	if auth >= 1<<32 {
		dst = append(dst, "0x"...)
		dst = appendHexN(dst, auth, 12)
	} else {
		dst = strconv.AppendUint(dst, auth, 10)
	}
	for i := range int(b[1]) {
		dst = append(dst, '-')
		dst = strconv.AppendUint(dst, uint64(binary.LittleEndian.Uint32(b[8+4*i:])), 10)
	}
	return dst
}

// filetimeEpoch is 1970-01-01 in FILETIME seconds.
const filetimeEpoch = 11644473600

func filetime(ft uint64) time.Time {
	return time.Unix(int64(ft/1e7)-filetimeEpoch, int64(ft%1e7)*100).UTC()
}

func append2(dst []byte, v int) []byte { return append(dst, byte('0'+v/10%10), byte('0'+v%10)) }

func appendDate(dst []byte, year, month, day, hour, min, sec int) []byte {
	dst = append2(dst, year/100)
	dst = append2(dst, year%100)
	dst = append(dst, '-')
	dst = append2(dst, month)
	dst = append(dst, '-')
	dst = append2(dst, day)
	dst = append(dst, 'T')
	dst = append2(dst, hour)
	dst = append(dst, ':')
	dst = append2(dst, min)
	dst = append(dst, ':')
	return append2(dst, sec)
}

// appendFiletime writes 2019-04-30T22:48:58.901474300Z (the 100 ns
// fraction and two zeros).
func appendFiletime(dst []byte, ft uint64) []byte {
	t := filetime(ft)
	dst = appendDate(dst, t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second())
	dst = append(dst, '.')
	frac := ft % 1e7
	for d := uint64(1e6); d > 0; d /= 10 {
		dst = append(dst, byte('0'+frac/d%10))
	}
	return append(dst, "00Z"...)
}

// appendSystime writes a SYSTEMTIME (year, month, weekday, day, hour,
// minute, second, milliseconds) like a FILETIME:
// 2019-07-18T20:40:00.580000000Z.
func appendSystime(dst, b []byte) []byte {
	le := binary.LittleEndian
	w := func(i int) int { return int(le.Uint16(b[2*i:])) }
	dst = appendDate(dst, w(0), w(1), w(3), w(4), w(5), w(6))
	dst = append(dst, '.')
	ms := w(7)
	dst = append(dst, byte('0'+ms/100%10), byte('0'+ms/10%10), byte('0'+ms%10))
	return append(dst, "000000Z"...)
}

// appendUTF16 decodes UTF-16LE text up to its first NUL, escaping as asked;
// unpaired surrogates become U+FFFD.
func appendUTF16(dst, b []byte, esc escMode) []byte {
	for i := 0; i+1 < len(b); i += 2 {
		u := rune(b[i]) | rune(b[i+1])<<8
		if u == 0 {
			break
		}
		if u < 0x80 {
			dst = appendEscapedByte(dst, byte(u), esc)
			continue
		}
		if utf16.IsSurrogate(u) {
			r := utf8.RuneError
			if u < 0xdc00 && i+3 < len(b) {
				u2 := rune(b[i+2]) | rune(b[i+3])<<8
				if d := utf16.DecodeRune(u, u2); d != utf8.RuneError {
					r = d
					i += 2
				}
			}
			dst = utf8.AppendRune(dst, r)
			continue
		}
		dst = utf8.AppendRune(dst, u)
	}
	return dst
}

func appendEscapedByte(dst []byte, c byte, esc escMode) []byte {
	if esc != escNone {
		switch c {
		case '&':
			return append(dst, "&amp;"...)
		case '<':
			return append(dst, "&lt;"...)
		case '>':
			return append(dst, "&gt;"...)
		case '\'':
			if esc == escAttr {
				return append(dst, "&apos;"...)
			}
		}
	}
	return append(dst, c)
}

func appendEscapedRune(dst []byte, r rune, esc escMode) []byte {
	if r < 0x80 {
		return appendEscapedByte(dst, byte(r), esc)
	}
	return utf8.AppendRune(dst, r)
}

func appendEscaped(dst []byte, s string, esc escMode) []byte {
	for i := 0; i < len(s); i++ {
		dst = appendEscapedByte(dst, s[i], esc)
	}
	return dst
}
