package memlimit

import "fmt"

// Fallback is the default limit when the memory the process may use is
// not known (4 GiB).
const Fallback int64 = 4 << 30

// runtimeReserve is the address space the Go runtime reserves beside the
// heap (arena index, page summaries, stacks): an address-space limit
// (ulimit -v) leaves this much less for the heap.
const runtimeReserve int64 = 1 << 30

// floor is the least default limit.
const floor int64 = 64 << 20

// Default returns the memory limit used when none is given: half the
// memory the process may use, which is the smallest of the physical
// memory, the cgroup's memory.max and the address-space limit (RLIMIT_AS,
// ulimit -v) less 1 GiB the Go runtime reserves; Fallback (4 GiB) when
// none is known. It is at least 64 MiB.
func Default() int64 {
	avail := available()
	if avail <= 0 {
		return Fallback
	}
	return max(avail/2, floor)
}

// smallest returns the smallest positive value of vs, 0 when none is.
func smallest(vs ...int64) int64 {
	var m int64
	for _, v := range vs {
		if v > 0 && (m == 0 || v < m) {
			m = v
		}
	}
	return m
}

// Format writes n bytes for messages: "512 MiB", "1.5 GiB".
func Format(n int64) string {
	const (
		kib = 1 << 10
		mib = 1 << 20
		gib = 1 << 30
	)
	switch {
	case n >= gib:
		return trim(float64(n)/gib) + " GiB"
	case n >= mib:
		return trim(float64(n)/mib) + " MiB"
	case n >= kib:
		return trim(float64(n)/kib) + " KiB"
	}
	return fmt.Sprintf("%d bytes", n)
}

// trim prints x with at most one decimal, none when whole.
func trim(x float64) string {
	s := fmt.Sprintf("%.1f", x)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}
