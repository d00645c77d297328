package confine

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// tempAttempts is how many random names CreateTemp tries before it gives up.
const tempAttempts = 100

// CreateTemp creates a new file in root for writing name, exclusively
// (O_CREATE|O_EXCL, so an existing file or symbolic link at the chosen
// name is never opened, truncated or followed), under a random name
// ".NAME.RANDOM.tmp" in the root's top directory, retrying with another
// name when one exists. It returns the file and its name; the caller
// writes it, closes it and renames it over name (or removes it). A nil
// root is an error.
func CreateTemp(root *os.Root, name string, perm fs.FileMode) (*os.File, string, error) {
	if root == nil {
		return nil, "", errors.New("confine: nil os.Root")
	}
	var buf [8]byte
	for range tempAttempts {
		_, _ = rand.Read(buf[:]) // crypto/rand.Read never fails (Go 1.24+)
		tmp := fmt.Sprintf(".%s.%s.tmp", name, hex.EncodeToString(buf[:]))
		f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if err == nil {
			return f, tmp, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, "", err
		}
	}
	return nil, "", fmt.Errorf("creating a temporary file for %s: %d names were taken", name, tempAttempts)
}

// Replace writes data to name in root through a new temporary file
// (CreateTemp) renamed over name, so that readers see the old file or the
// new one, and a symbolic link created at name meanwhile is replaced, not
// written through. The temporary file is removed when a step fails. A
// nil root or write is an error.
func Replace(root *os.Root, name string, perm fs.FileMode, write func(*os.File) error) error {
	if write == nil {
		return errors.New("confine: nil write func")
	}
	f, tmp, err := CreateTemp(root, name, perm)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		_ = root.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		_ = root.Remove(tmp)
		return err
	}
	if err := root.Rename(tmp, name); err != nil {
		_ = root.Remove(tmp)
		return err
	}
	return nil
}
