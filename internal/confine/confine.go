package confine

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ErrEscape is wrapped by the errors of names that lead outside their
// directory, through "..", an absolute path or a symbolic link.
var ErrEscape = errors.New("path leads outside its directory")

// ErrNotRegular is wrapped by WriteFile's error for a name that exists and
// is a symbolic link, a directory or another non-regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by ReadFile's error for a file over its limit.
var ErrTooLarge = errors.New("file too large")

// Dir is a directory whose files are reached only through an os.Root.
// The zero Dir is invalid; make one with New or Within.
type Dir struct {
	base string // the directory whose bounds hold Sub
	sub  string // slash-separated path inside base; "" for base itself
}

// New returns base itself as a Dir: files are confined to it.
func New(base string) Dir { return Dir{base: base} }

// Within returns the directory sub (a relative, slash-separated path)
// inside base. Resolving sub may follow symbolic links only as long as
// they stay inside base; files are then confined to the resolved sub.
func Within(base, sub string) Dir { return Dir{base: base, sub: sub} }

// Path returns the directory's path for messages (base joined with sub).
func (d Dir) Path() string {
	if d.sub == "" {
		return d.base
	}
	return filepath.Join(d.base, filepath.FromSlash(d.sub))
}

// Join returns the path of name in the directory, for messages.
func (d Dir) Join(name string) string { return filepath.Join(d.Path(), name) }

// open opens the directory's os.Root; the caller closes it.
func (d Dir) open() (*os.Root, error) {
	r, err := os.OpenRoot(d.base)
	if err != nil {
		return nil, err
	}
	if d.sub == "" {
		return r, nil
	}
	defer r.Close()
	s, err := r.OpenRoot(d.sub)
	if err != nil {
		return nil, wrap(err, d.Path())
	}
	return s, nil
}

// Check reports whether the directory exists and can be opened: nil, an
// error wrapping fs.ErrNotExist, one wrapping ErrEscape when sub leads
// outside base, or another error.
func (d Dir) Check() error {
	r, err := d.open()
	if err != nil {
		return err
	}
	return r.Close()
}

// wrap marks os.Root's "path escapes from parent" errors with ErrEscape
// and names path.
func wrap(err error, path string) error {
	if err == nil {
		return nil
	}
	if isEscape(err) {
		return fmt.Errorf("%s: %w (a symbolic link or '..' leaves it)", path, ErrEscape)
	}
	return err
}

// isEscape recognises os.Root's refusal of a path that leaves the root;
// the os package does not export that error.
func isEscape(err error) bool {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		err = le.Err
	}
	return err != nil && err.Error() == "path escapes from parent"
}

// Stat returns the file information of name in the directory, following
// symbolic links that stay inside it.
func (d Dir) Stat(name string) (fs.FileInfo, error) {
	r, err := d.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	fi, err := r.Stat(name)
	return fi, wrap(err, d.Join(name))
}

// IsFile reports whether name is a regular file in the directory (after
// following links that stay inside).
func (d Dir) IsFile(name string) bool {
	fi, err := d.Stat(name)
	return err == nil && fi.Mode().IsRegular()
}

// Open opens name in the directory for reading, following links only
// inside it, and checks the opened file (not the name again): a name that
// is not a regular file is an error wrapping ErrNotRegular. The caller
// closes the file.
func (d Dir) Open(name string) (*os.File, error) {
	r, err := d.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	f, err := r.Open(name)
	if err != nil {
		return nil, wrap(err, d.Join(name))
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s: %w", d.Join(name), ErrNotRegular)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadFile reads name from the directory, at most limit bytes (a larger
// file is an error wrapping ErrTooLarge; limit < 0 is no limit). Links
// are followed only inside the directory; only regular files are read.
func (d Dir) ReadFile(name string, limit int64) ([]byte, error) {
	f, err := d.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rd io.Reader = f
	if limit >= 0 {
		rd = io.LimitReader(f, limit+1)
	}
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, err
	}
	if limit >= 0 && int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes: %w", d.Join(name), limit, ErrTooLarge)
	}
	return data, nil
}

// List returns the names of the regular files directly in the directory
// whose names end in suffix, sorted (links that stay inside count as the
// files they lead to; others are left out). A missing directory is an
// error wrapping fs.ErrNotExist.
func (d Dir) List(suffix string) ([]string, error) {
	r, err := d.open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	f, err := r.Open(".")
	if err != nil {
		return nil, err
	}
	ents, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), suffix) {
			continue
		}
		if fi, err := r.Stat(e.Name()); err == nil && fi.Mode().IsRegular() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// WriteFile writes data to name (a plain file name) in the existing
// directory. It never follows a symbolic link: a name that is a link, a directory or another
// non-regular file is refused (ErrNotRegular), and the data goes to a new
// temporary file renamed over name (Replace).
func (d Dir) WriteFile(name string, data []byte, perm fs.FileMode) error {
	if err := PlainName(name); err != nil {
		return err
	}
	r, err := d.open()
	if err != nil {
		return err
	}
	defer r.Close()
	if fi, err := r.Lstat(name); err == nil && !fi.Mode().IsRegular() {
		what := "not a regular file"
		if fi.Mode()&fs.ModeSymlink != 0 {
			what = "a symbolic link"
		}
		return fmt.Errorf("%s is %s; refusing to write through it: %w", d.Join(name), what, ErrNotRegular)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return wrap(err, d.Join(name))
	}
	err = Replace(r, name, perm, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
	return wrap(err, d.Join(name))
}

// Remove removes name from the directory; a symbolic link is removed
// itself, never what it leads to.
func (d Dir) Remove(name string) error {
	if err := PlainName(name); err != nil {
		return err
	}
	r, err := d.open()
	if err != nil {
		return err
	}
	defer r.Close()
	return wrap(r.Remove(name), d.Join(name))
}

// PlainName checks that name is one file name: not empty, not starting
// with '.', without path separators or NUL, and, when exts are given,
// ending in one of them (ignoring case).
func PlainName(name string, exts ...string) error {
	if name == "" || strings.HasPrefix(name, ".") || strings.ContainsAny(name, "/\\\x00") {
		return fmt.Errorf("%q is not a plain file name (no directories, not starting with '.'): %w", name, ErrEscape)
	}
	if len(exts) == 0 {
		return nil
	}
	lower := strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(lower, strings.ToLower(e)) && len(lower) > len(e) {
			return nil
		}
	}
	return fmt.Errorf("%q does not end in %s", name, strings.Join(exts, " or "))
}
