package ingest

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// streamFunc handles one input stream: a file, or a member of an archive
// (named archive!member; member is true). Returning an error stops the
// walk: it is for cancellation and the caller's own errors; read errors
// are recorded in the Report and the walk goes on.
type streamFunc func(name string, r *bufio.Reader, member bool) error

// Defaults of the archive limits (Options.MaxArchiveDepth,
// MaxDecompressedBytes, MaxCompressionRatio).
const (
	DefaultMaxArchiveDepth      = 8
	DefaultMaxDecompressedBytes = 64 << 30
	DefaultMaxCompressionRatio  = 500
	// ratioAllowance is added to a file's ratio bound, so that small
	// files of highly repetitive text are not refused.
	ratioAllowance = 64 << 20
)

// walker reads the streams under the paths given to walkPaths.
type walker struct {
	ctx    context.Context
	opts   *Options
	onRead func(int)
	fn     streamFunc
	rep    *Report
	// readers are reused bufio.Readers, one per nesting depth, so that an
	// archive of many small members costs no 256 KiB buffer each.
	readers []*bufio.Reader
	budget  *budget // the file on disk being read
}

// walkPaths calls fn for every stream under paths: files as they are,
// directories recursively in lexical order (symbolic links are followed
// only to regular files inside the directory), gzip files decompressed,
// tar (optionally gzipped) and zip archives member by member. Nothing is
// unpacked to disk. It fails when one of paths does not exist (os.Stat).
// A file or member that cannot be read, or not in full, is recorded in
// rep.Unreadable with the reason, and the walk goes on;
// members that hold no logs (macOS metadata, empty) are counted in
// rep.IgnoredMembers. Layers nest at most Options.MaxArchiveDepth deep,
// and one file on disk decompresses to at most
// Options.MaxDecompressedBytes and Options.MaxCompressionRatio times its
// size (plus 64 MiB).
//
// onRead (if not nil) is told how many bytes were read from disk, for
// progress.
func walkPaths(ctx context.Context, paths []string, opts *Options, rep *Report, onRead func(int), fn streamFunc) error {
	w := &walker{ctx: ctx, opts: opts, onRead: onRead, fn: fn, rep: rep}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if opts.Open != nil {
			f, err := opts.Open(p)
			if err != nil {
				return err
			}
			if err := w.opened(p, f); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			// a path given that does not exist is the caller's mistake,
			// told before any result
			return err
		}
		if !st.IsDir() {
			if err := w.file(p); err != nil {
				return err
			}
			continue
		}
		root, err := filepath.EvalSymlinks(p)
		if err != nil {
			w.unreadable(p, reason(err))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				w.unreadable(path, reason(err))
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			switch {
			case d.Type().IsRegular():
				return w.file(path)
			case d.Type()&fs.ModeSymlink != 0:
				target, err := filepath.EvalSymlinks(path)
				if err != nil {
					return nil // dangling link: nothing to read
				}
				rel, err := filepath.Rel(root, target)
				if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
					return nil // points outside the directory
				}
				if st, err := os.Stat(target); err == nil && st.Mode().IsRegular() {
					return w.file(path)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// reason is err's text without the path that os errors repeat.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Op + ": " + pe.Err.Error()
	}
	return err.Error()
}

func (w *walker) unreadable(name, why string) {
	w.rep.Unreadable = append(w.rep.Unreadable, FileError{Path: escapeName(name), Reason: why})
}

func (w *walker) ignore(why string) { w.rep.ignore(why) }

// reader returns the reused bufio.Reader of depth reading r.
func (w *walker) reader(depth int, r io.Reader) *bufio.Reader {
	for len(w.readers) <= depth {
		w.readers = append(w.readers, nil)
	}
	br := w.readers[depth]
	if br == nil {
		br = bufio.NewReaderSize(r, 256<<10)
		w.readers[depth] = br
		return br
	}
	br.Reset(r)
	return br
}

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zipMagic  = []byte("PK\x03\x04")
)

// file reads one file on disk.
func (w *walker) file(p string) error {
	f, err := os.Open(p)
	if err != nil {
		w.unreadable(p, reason(err))
		return nil
	}
	return w.opened(p, f)
}

// opened reads the file f, opened from path p, and closes it.
func (w *walker) opened(p string, f *os.File) error {
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	w.budget = w.newBudget(size)
	var r io.Reader = f
	if w.onRead != nil {
		r = &countingReader{r: f, n: w.onRead}
	}
	br := w.reader(0, r)
	head, _ := br.Peek(4)
	if bytes.HasPrefix(head, zipMagic) {
		return w.zip(p, f, size)
	}
	if err := w.stream(escapeName(p), br, 0, false); err != nil {
		return err
	}
	w.spent(escapeName(p))
	return nil
}

// stream handles the gzip and tar layers of one stream at depth (the
// layers above it), then hands it to fn.
func (w *walker) stream(name string, br *bufio.Reader, depth int, member bool) error {
	head, _ := br.Peek(512)
	layered := bytes.HasPrefix(head, gzipMagic) || isTar(head)
	if layered && depth >= w.maxDepth() {
		w.unreadable(name, fmt.Sprintf("archives nested deeper than %d layers (Options.MaxArchiveDepth); not read", w.maxDepth()))
		return nil
	}
	if bytes.HasPrefix(head, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			w.unreadable(name, err.Error()) // "gzip: invalid header"
			return nil
		}
		defer zr.Close()
		return w.stream(name, w.reader(depth+1, w.budget.reader(zr)), depth+1, member)
	}
	if isTar(head) {
		return w.tar(name, br, depth+1)
	}
	if member && len(head) == 0 {
		w.ignore("empty")
		return nil
	}
	return w.fn(name, br, member)
}

// tar reads the members of a tar stream at depth. A damaged or truncated
// archive keeps the members read before the damage.
func (w *walker) tar(name string, br *bufio.Reader, depth int) error {
	tr := tar.NewReader(br)
	before := len(w.rep.Unreadable)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			w.archiveError(name, before, err)
			return nil
		}
		switch {
		case h.Typeflag == tar.TypeDir:
			continue
		case h.Typeflag != tar.TypeReg && h.Typeflag != tar.TypeRegA:
			w.ignore("not a regular file")
			continue
		}
		if why := ignoredMember(h.Name, h.Size); why != "" {
			w.ignore(why)
			continue
		}
		member := name + "!" + escapeName(h.Name)
		before = len(w.rep.Unreadable)
		if err := w.stream(member, w.reader(depth, tr), depth, true); err != nil {
			return err
		}
		if w.spent(member) {
			return nil
		}
	}
}

// archiveError records the error that ends an archive, unless the member
// read last already reported it (a truncated member, then no next
// header) or the decompression budget is what ran out (see spent).
func (w *walker) archiveError(name string, before int, err error) {
	if w.spent(name) {
		return
	}
	if n := len(w.rep.Unreadable); n > before && strings.HasPrefix(w.rep.Unreadable[n-1].Path, name+"!") {
		return
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		w.unreadable(name, "archive truncated (unexpected end of data); the members before the cut were read")
		return
	}
	w.unreadable(name, "archive damaged: "+err.Error()+"; the members before the damage were read")
}

// spent reports whether the file's decompression budget ran out, and
// records that in Report.Unreadable (under name) unless a reader already
// did.
func (w *walker) spent(name string) bool {
	b := w.budget
	if !b.exceeded() {
		return false
	}
	if !b.reported {
		b.reported = true
		w.unreadable(name, b.err().Error())
	}
	return true
}

func isTar(head []byte) bool {
	return len(head) >= 262 && string(head[257:262]) == "ustar"
}

// zip reads the members of the zip file p.
func (w *walker) zip(p string, f *os.File, size int64) error {
	name := escapeName(p)
	zr, err := zip.NewReader(f, size)
	if err != nil {
		w.unreadable(name, err.Error()) // "zip: not a valid zip file"
		return nil
	}
	for _, zf := range zr.File {
		if !zf.Mode().IsRegular() {
			if !zf.Mode().IsDir() {
				w.ignore("not a regular file")
			}
			continue
		}
		if why := ignoredMember(zf.Name, int64(zf.UncompressedSize64)); why != "" {
			w.ignore(why)
			continue
		}
		member := name + "!" + escapeName(zf.Name)
		rc, err := zf.Open()
		if err != nil {
			w.unreadable(member, err.Error())
			continue
		}
		err = w.stream(member, w.reader(1, w.budget.reader(rc)), 1, true)
		rc.Close()
		if w.onRead != nil {
			w.onRead(int(zf.CompressedSize64))
		}
		if err != nil {
			return err
		}
		if w.spent(member) {
			return nil
		}
	}
	return nil
}

// ignoredMember says why an archive member holds no logs ("" when it may):
// macOS metadata (__MACOSX/ folders, ._* AppleDouble files, .DS_Store) and
// empty members.
func ignoredMember(name string, size int64) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	switch {
	case strings.HasPrefix(name, "__MACOSX/") || strings.Contains(name, "/__MACOSX/") ||
		strings.HasPrefix(base, "._") || base == ".DS_Store":
		return "macOS metadata (__MACOSX/, ._*, .DS_Store)"
	case size == 0:
		return "empty"
	}
	return ""
}

func (w *walker) maxDepth() int {
	if w.opts.MaxArchiveDepth > 0 {
		return w.opts.MaxArchiveDepth
	}
	return DefaultMaxArchiveDepth
}

// countingReader reports the bytes read through it.
type countingReader struct {
	r io.Reader
	n func(int)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n(n)
	return n, err
}

// totalSize is the size on disk of every regular file under paths (for
// progress); unreadable entries count 0.
func totalSize(paths []string) int64 {
	var total int64
	for _, p := range paths {
		filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.Type().IsRegular() {
				if info, err := d.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return total
}
