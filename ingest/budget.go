package ingest

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// budget bounds the bytes decompressed from one file on disk (all its
// layers and members together), so that a decompression bomb (a small
// file that inflates to terabytes, or a gzip nested ten thousand times)
// costs bounded time.
type budget struct {
	left, limit int64
	size        int64 // the file's size on disk
	hit         bool
	reported    bool // the error reached Report.Unreadable
	maxTotal    int64
	ratio       int64
}

func (w *walker) newBudget(size int64) *budget {
	b := &budget{size: size, maxTotal: w.opts.MaxDecompressedBytes, ratio: int64(w.opts.MaxCompressionRatio)}
	if b.maxTotal <= 0 {
		b.maxTotal = DefaultMaxDecompressedBytes
	}
	if b.ratio <= 0 {
		b.ratio = DefaultMaxCompressionRatio
	}
	b.limit = b.maxTotal
	if size < (b.maxTotal-ratioAllowance)/b.ratio {
		b.limit = min(b.limit, size*b.ratio+ratioAllowance)
	}
	b.left = b.limit
	return b
}

// exceeded reports whether the budget ran out.
func (b *budget) exceeded() bool { return b != nil && b.hit }

func (b *budget) err() error { return &budgetError{b} }

// budgetError is the read error of a spent budget.
type budgetError struct{ b *budget }

func (e *budgetError) Error() string {
	b := e.b
	return fmt.Sprintf("decompressed more than %d bytes from a file of %d bytes (limits: Options.MaxDecompressedBytes %d, Options.MaxCompressionRatio %d); the rest not read",
		b.limit, b.size, b.maxTotal, b.ratio)
}

// markReported notes that err, when it is a spent budget's, was
// reported.
func markReported(err error) {
	var be *budgetError
	if errors.As(err, &be) {
		be.b.reported = true
	}
}

// reader counts what r decompresses against the budget.
func (b *budget) reader(r io.Reader) io.Reader { return &budgetReader{r: r, b: b} }

type budgetReader struct {
	r io.Reader
	b *budget
}

func (r *budgetReader) Read(p []byte) (int, error) {
	if r.b.left <= 0 {
		r.b.hit = true
		return 0, r.b.err()
	}
	if int64(len(p)) > r.b.left {
		p = p[:r.b.left]
	}
	n, err := r.r.Read(p)
	r.b.left -= int64(n)
	return n, err
}

// escapeName is a file or member name as messages show it: control
// characters, invalid UTF-8 and bidirectional formatting characters
// escaped Go-style (\n, \x1b, \u202e), so that a hostile name cannot
// forge or hide a line of the report.
func escapeName(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&sb, `\x%02x`, s[i])
		case r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
			q := strconv.QuoteRune(r)
			sb.WriteString(q[1 : len(q)-1])
		default:
			sb.WriteString(s[i : i+n])
		}
		i += n
	}
	return sb.String()
}
