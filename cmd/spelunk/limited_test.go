package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// childEnv, set to 1, makes the test binary run the spelunk command line
// of its arguments instead of the tests (TestMain): runLimited's child.
const childEnv = "SPELUNK_TEST_CHILD"

// Bounds of one hostile input: the address space it runs in (ulimit -v,
// KiB), and the time and resident memory it may take.
const (
	hostileAddressSpaceKiB = 4000000
	hostileMaxTime         = 10 * time.Second
	hostileMaxRSS          = 1 << 30
)

// hwmEnv names the file where runLimited's child writes its peak
// resident memory (VmHWM of /proc/self/status) when it ends normally.
const hwmEnv = "SPELUNK_TEST_CHILD_HWM"

// TestMain runs the command line when the binary is runLimited's child.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		if f := os.Getenv(hwmEnv); f != "" {
			writeHWM(f)
		}
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// writeHWM writes this process's peak resident memory in KiB (VmHWM)
// to file; nothing where /proc has no such line.
func writeHWM(file string) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			_ = os.WriteFile(file, []byte(strings.TrimSuffix(strings.TrimSpace(v), " kB")), 0o600)
		}
	}
}

// limitedRun is what a command line did in a child process.
type limitedRun struct {
	code           int
	stdout, stderr string
	took           time.Duration
	// maxRSS is the peak resident memory in bytes: the child's own
	// (VmHWM) when it ended normally, else rusage's, an upper bound since
	// Linux counts the test process's resident memory at the fork too.
	maxRSS int64
}

// runLimited runs the command line args in a child process (this test
// binary, through TestMain) under ulimit -v hostileAddressSpaceKiB, and
// measures its time and peak resident memory. It skips where there is no
// sh or no Linux rusage.
func runLimited(t *testing.T, args ...string) limitedRun {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the address-space limit and rusage are measured on Linux")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to set ulimit -v")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script := `ulimit -v ` + strconv.Itoa(hostileAddressSpaceKiB) + ` && exec "$0" "$@"`
	cmd := exec.Command(sh, append([]string{"-c", script, self}, args...)...)
	hwm := filepath.Join(t.TempDir(), "hwm")
	cmd.Env = append(os.Environ(), childEnv+"=1", hwmEnv+"="+hwm)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err = cmd.Run()
	r := limitedRun{took: time.Since(start), stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss << 10 // KiB on Linux
	}
	if b, err := os.ReadFile(hwm); err == nil {
		if kib, err := strconv.ParseInt(string(b), 10, 64); err == nil {
			r.maxRSS = kib << 10
		}
	}
	return r
}

// TestCLIHostileInputsLimited runs every hostile case (hostileCases) as
// TestCLIHostileInputs does, each in a child process under ulimit -v
// 4000000: each must end as wanted (never the Go runtime's out-of-memory
// crash) within hostileMaxTime and hostileMaxRSS. The cases that stop a
// search by its memory limit run only here: the memory watchdog may end
// the process (exitOnOverrun).
func TestCLIHostileInputsLimited(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process per case")
	}
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir, outside := t.TempDir(), t.TempDir()
			r := runLimited(t, tc.setup(t, dir, outside)...)
			all := r.stdout + r.stderr
			assert.Equal(t, tc.code, r.code, all)
			for _, w := range tc.want {
				assert.Contains(t, all, w)
			}
			for _, n := range append(tc.never, "fatal error", "out of memory:", "goroutine ") {
				assert.NotContains(t, all, n)
			}
			if tc.after != nil {
				tc.after(t, dir, outside)
			}
			assert.LessOrEqual(t, r.took, hostileMaxTime, "time")
			assert.LessOrEqual(t, r.maxRSS, int64(hostileMaxRSS), "peak resident memory")
			t.Logf("%v, %d MiB resident", r.took.Round(time.Millisecond), r.maxRSS>>20)
		})
	}
}
