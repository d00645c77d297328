package ingest

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// streamFunc handles one input stream: a file, or a member of an archive
// (named archive!member). Returning an error stops the walk.
type streamFunc func(name string, r *bufio.Reader) error

// walkPaths calls fn for every stream under paths: files as they are,
// directories recursively in lexical order (symbolic links are followed
// only to regular files inside the directory), gzip files decompressed,
// tar (optionally gzipped) and zip archives member by member. Nothing is
// unpacked to disk. It fails when a path cannot be opened or read.
//
// onRead (if not nil) is told how many bytes were read from disk, for
// progress.
func walkPaths(ctx context.Context, paths []string, onRead func(int), fn streamFunc) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			if err := openFile(p, onRead, fn); err != nil {
				return err
			}
			continue
		}
		root, err := filepath.EvalSymlinks(p)
		if err != nil {
			return err
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			switch {
			case d.Type().IsRegular():
				return openFile(path, onRead, fn)
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
					return openFile(path, onRead, fn)
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

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zipMagic  = []byte("PK\x03\x04")
)

func openFile(path string, onRead func(int), fn streamFunc) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if onRead != nil {
		r = &countingReader{r: f, n: onRead}
	}
	br := bufio.NewReaderSize(r, 256<<10)
	head, _ := br.Peek(4)
	if bytes.HasPrefix(head, zipMagic) {
		return openZip(path, onRead, fn)
	}
	return openStream(path, br, fn)
}

// openStream handles gzip and tar layers of one stream.
func openStream(name string, br *bufio.Reader, fn streamFunc) error {
	head, _ := br.Peek(512)
	if bytes.HasPrefix(head, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		return openStream(name, bufio.NewReaderSize(zr, 256<<10), fn)
	}
	if isTar(head) {
		tr := tar.NewReader(br)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if h.Typeflag != tar.TypeReg && h.Typeflag != tar.TypeRegA {
				continue
			}
			member := name + "!" + h.Name
			if err := openStream(member, bufio.NewReaderSize(tr, 256<<10), fn); err != nil {
				return err
			}
		}
	}
	return fn(name, br)
}

func isTar(head []byte) bool {
	return len(head) >= 262 && string(head[257:262]) == "ustar"
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

func openZip(path string, onRead func(int), fn streamFunc) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if !f.Mode().IsRegular() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s!%s: %w", path, f.Name, err)
		}
		err = openStream(path+"!"+f.Name, bufio.NewReaderSize(rc, 256<<10), fn)
		rc.Close()
		if onRead != nil {
			onRead(int(f.CompressedSize64))
		}
		if err != nil {
			return err
		}
	}
	return nil
}
