package memlimit

import (
	"os"
	"strconv"
	"strings"
	"syscall"
)

// available is the memory the process may use: the smallest of the
// physical memory, the cgroup v2 memory.max and RLIMIT_AS less the
// runtime's reserve; 0 when none is known.
func available() int64 {
	var phys int64
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) == nil {
		phys = int64(si.Totalram) * int64(si.Unit)
	}
	var cgroup int64
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil {
			cgroup = v
		}
	}
	var as int64
	var rl syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &rl) == nil && rl.Cur < 1<<62 {
		as = max(int64(rl.Cur)-runtimeReserve, 1)
	}
	return smallest(phys, cgroup, as)
}
