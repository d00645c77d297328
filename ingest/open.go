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
func walkPaths(ctx context.Context, paths []string, fn streamFunc) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			if err := openFile(p, fn); err != nil {
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
				return openFile(path, fn)
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
					return openFile(path, fn)
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

func openFile(path string, fn streamFunc) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 256<<10)
	head, _ := br.Peek(4)
	if bytes.HasPrefix(head, zipMagic) {
		return openZip(path, fn)
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

func openZip(path string, fn streamFunc) error {
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
		if err != nil {
			return err
		}
	}
	return nil
}
