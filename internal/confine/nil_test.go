package confine

import (
	"os"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/niltest"
)

// TestNilDir: the zero Dir's methods fail or answer empty values instead
// of panicking.
func TestNilDir(t *testing.T) {
	niltest.CallAll(t, Dir{})
}

// TestNilRoot: CreateTemp and Replace fail on a nil root or write func.
func TestNilRoot(t *testing.T) {
	if _, _, err := CreateTemp(nil, "x", 0o600); err == nil {
		t.Error("CreateTemp(nil root) returned no error")
	}
	if err := Replace(nil, "x", 0o600, func(*os.File) error { return nil }); err == nil {
		t.Error("Replace(nil root) returned no error")
	}
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := Replace(root, "x", 0o600, nil); err == nil {
		t.Error("Replace(nil write) returned no error")
	}
	if names, _ := os.ReadDir(root.Name()); len(names) != 0 {
		t.Errorf("Replace(nil write) left files: %v", names)
	}
}
