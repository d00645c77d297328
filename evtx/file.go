package evtx

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// Sizes and magics of the format.
const (
	FileMagic      = "ElfFile\x00" // first 8 bytes of an .evtx file
	ChunkMagic     = "ElfChnk\x00" // first 8 bytes of a chunk
	FileHeaderSize = 4096          // the file header block; chunks follow it
	ChunkSize      = 65536         // every chunk
)

// File header flags.
const (
	FlagDirty = 0x1 // the file was not closed cleanly
	FlagFull  = 0x2 // the log reached its maximum size
)

// FileHeader is the file header's fields.
type FileHeader struct {
	FirstChunk, LastChunk uint64 // chunk numbers
	NextRecordID          uint64
	MinorVersion          uint16
	MajorVersion          uint16
	ChunkCount            uint16
	Flags                 uint32
	ChecksumOK            bool // the CRC-32 of the first 120 bytes matches
}

// Dirty reports whether the file was not closed cleanly: its header may
// lag behind the chunks (the reader reads every chunk anyway).
func (h FileHeader) Dirty() bool { return h.Flags&FlagDirty != 0 }

// ErrNotEVTX is returned for input that does not start with FileMagic.
var ErrNotEVTX = errors.New("evtx: not an .evtx file (no ElfFile magic)")

// ParseFileHeader reads the file header from b (at least 128 bytes).
func ParseFileHeader(b []byte) (FileHeader, error) {
	if len(b) < 128 || string(b[:8]) != FileMagic {
		return FileHeader{}, ErrNotEVTX
	}
	le := binary.LittleEndian
	return FileHeader{
		FirstChunk:   le.Uint64(b[8:]),
		LastChunk:    le.Uint64(b[16:]),
		NextRecordID: le.Uint64(b[24:]),
		MinorVersion: le.Uint16(b[36:]),
		MajorVersion: le.Uint16(b[38:]),
		ChunkCount:   le.Uint16(b[42:]),
		Flags:        le.Uint32(b[120:]),
		ChecksumOK:   crc32.ChecksumIEEE(b[:120]) == le.Uint32(b[124:]),
	}, nil
}

// Reader reads an .evtx stream chunk by chunk, holding one chunk at a
// time.
type Reader struct {
	r      io.Reader
	Header FileHeader // the file header, read by NewReader
	next   int        // index of the next chunk
	done   bool
}

// NewReader reads the file header from r. It fails with ErrNotEVTX when r
// is not an .evtx stream, or when the header block is cut short. A nil r
// is an error.
func NewReader(r io.Reader) (*Reader, error) {
	if r == nil {
		return nil, errors.New("evtx: nil io.Reader")
	}
	head := make([]byte, FileHeaderSize)
	n, err := io.ReadFull(r, head)
	if n >= 8 && string(head[:8]) != FileMagic || n < 8 {
		return nil, ErrNotEVTX
	}
	if err != nil {
		return nil, fmt.Errorf("evtx: file header cut short at %d bytes", n)
	}
	h, err := ParseFileHeader(head)
	if err != nil {
		return nil, err
	}
	return &Reader{r: r, Header: h}, nil
}

// Next reads the next chunk into buf (grown to ChunkSize when smaller)
// and returns it with its index (0 for the chunk after the header). A
// chunk cut short by the end of the stream is returned with the bytes
// there are (len < ChunkSize); after the last chunk Next returns io.EOF.
// A nil or zero Reader (not from NewReader) is an error.
func (r *Reader) Next(buf []byte) ([]byte, int, error) {
	if r == nil || r.r == nil {
		return nil, 0, errors.New("evtx: nil Reader")
	}
	if r.done {
		return nil, 0, io.EOF
	}
	if cap(buf) < ChunkSize {
		buf = make([]byte, ChunkSize)
	}
	buf = buf[:ChunkSize]
	n, err := io.ReadFull(r.r, buf)
	idx := r.next
	r.next++
	switch {
	case err == io.EOF:
		r.done = true
		return nil, 0, io.EOF
	case err == io.ErrUnexpectedEOF:
		r.done = true
		return buf[:n], idx, nil
	case err != nil:
		r.done = true
		return nil, 0, err
	}
	return buf, idx, nil
}
