package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spelunk-dev/spelunk/query"
)

// memoryFlag is --max-memory, of every command that reads logs or runs
// searches (query.Limits.MaxMemory).
type memoryFlag struct {
	MaxMemory string `help:"Stop with an error when spelunk's memory (its heap) passes SIZE: bytes, or a number with K, M, G or T (powers of 1024; KB, MiB... too); 0: no limit. Default: half the memory spelunk may use (the smallest of the physical memory, the cgroup's memory.max, and ulimit -v less 1 GiB)." name:"max-memory" placeholder:"SIZE"`
}

// limit is the flag as query.Limits.MaxMemory: 0 for the default, -1 for
// none.
func (f memoryFlag) limit() (int64, error) {
	if f.MaxMemory == "" {
		return 0, nil
	}
	n, err := parseSize(f.MaxMemory)
	if err != nil {
		return 0, usageErr("--max-memory: %v", err)
	}
	if n == 0 {
		return -1, nil
	}
	return n, nil
}

// apply sets cfg.Limits.MaxMemory, and exitOnOverrun.
func (f memoryFlag) apply(cfg *query.Config) error {
	n, err := f.limit()
	cfg.Limits.MaxMemory, cfg.OnMemoryOverrun = n, exitOnOverrun
	return err
}

// exitOnOverrun ends the process with the memory limit's error, exit code
// 2, when a step that does not check for cancellation goes on allocating
// past the limit (query.Config.OnMemoryOverrun): a clean error instead of
// the Go runtime's out-of-memory crash, whatever the command is doing.
func exitOnOverrun(err *query.MemoryLimitError) {
	what := "running the search: "
	if err.What != "" {
		what = ""
	}
	fmt.Fprintln(os.Stderr, "spelunk: "+what+err.Error())
	os.Exit(2)
}

// watch watches the memory of work that reads logs without a query.Env
// (query.WatchMemory); what names the work in the error.
func (f memoryFlag) watch(ctx context.Context, what string) (context.Context, context.CancelFunc, error) {
	n, err := f.limit()
	if err != nil {
		return ctx, func() {}, err
	}
	ctx, stop := query.WatchMemory(ctx, n, what, exitOnOverrun)
	return ctx, stop, nil
}

// parseSize reads a size: bytes, or a number (a fraction allowed) with a
// unit (K, M, G, T: powers of 1024; KB, KiB... too), "512MiB", "1.5G", "2 GB".
func parseSize(s string) (int64, error) {
	// the units, longest suffix first
	units := [...]struct {
		suffix string
		shift  uint
	}{
		{"kib", 10}, {"mib", 20}, {"gib", 30}, {"tib", 40},
		{"kb", 10}, {"mb", 20}, {"gb", 30}, {"tb", 40},
		{"k", 10}, {"m", 20}, {"g", 30}, {"t", 40}, {"b", 0},
	}
	t := strings.ToLower(strings.TrimSpace(s))
	var shift uint
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, shift = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.shift
			break
		}
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || x < 0 || x != x {
		return 0, fmt.Errorf("%q is not a size (bytes, or a number with K, M, G or T: 512M, 2G)", s)
	}
	v := x * float64(uint64(1)<<shift)
	if v >= 1<<62 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return int64(v), nil
}
