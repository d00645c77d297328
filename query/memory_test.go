package query

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spelunk-dev/spelunk/internal/memlimit"
)

// TestLoadMemoryLimit: reading logs that need more heap than
// Limits.MaxMemory stops with a MemoryLimitError naming the read, the
// limit and the flag; without the limit they read.
func TestLoadMemoryLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range 60000 {
		fmt.Fprintf(w, `{"_time":%d,"user":"user%d","CommandLine":"%s"}`+"\n", 1700000000+i, i, strings.Repeat("x", 100))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	runtime.GC()
	limit := int64(memlimit.InUse()) + 8<<20
	env := newEnv(t, Config{Limits: Limits{MaxMemory: limit}, Now: rawClock})
	_, err = env.Load(context.Background(), []string{p})
	var me *MemoryLimitError
	if !errors.As(err, &me) || me.Limit != limit || me.What != "reading logs" ||
		!strings.HasPrefix(err.Error(), "reading logs: the memory in use (") || !strings.Contains(err.Error(), "--max-memory") {
		t.Fatalf("error %v, want the memory limit's", err)
	}
	env = newEnv(t, Config{Limits: Limits{MaxMemory: -1}, Now: rawClock})
	if d, err := env.Load(context.Background(), []string{p}); err != nil || d.Events.Len() != 60000 {
		t.Fatalf("without a limit: %v", err)
	}
}

func TestDefaultMaxMemory(t *testing.T) {
	if d := DefaultMaxMemory(); d < 64<<20 {
		t.Errorf("DefaultMaxMemory() = %d", d)
	}
}
