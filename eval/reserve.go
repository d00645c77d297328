package eval

import (
	"context"
	"unsafe"

	"github.com/spelunk-dev/spelunk/internal/memlimit"
)

// Memory reservations: where one step allocates a large block at once (a
// value built by concatenation or join, columns added to every row of a
// table), the step first asks the memory limit watching the run's context
// (query.Limits.MaxMemory; package internal/memlimit) for the bytes. A
// refusal cancels the run with the limit's error, which the run reports
// at the command that was running; the step allocates nothing. The
// watchdog's sampling covers the small allocations between; a single
// large one could otherwise pass the limit, and the process's address
// space, before the watchdog runs.

// valueBytes is the size of one cell of a table.
const valueBytes = int(unsafe.Sizeof(Value{}))

// reserve asks for n bytes about to be allocated by an expression: false
// (with the run stopped, and c's error the stop's cause) when the memory
// limit refuses them.
func (c *ectx) reserve(n int) bool {
	if c.env == nil || reserveCtx(c.env.ctx, n) {
		return true
	}
	c.fail(context.Cause(c.env.ctx))
	return false
}

// reserveCtx asks ctx's memory limit for n bytes; true when granted or
// when nothing limits ctx's memory.
func reserveCtx(ctx context.Context, n int) bool {
	return ctx == nil || memlimit.Reserve(ctx, int64(n))
}

// reserveCells asks ctx's memory limit for the cells a table of rows rows
// gains with cols more columns: false, with the run stopped, when it
// refuses them.
func reserveCells(ctx context.Context, rows, cols int) bool {
	if rows <= 0 || cols <= 0 {
		return true
	}
	const most = 1 << 62
	n := most
	if rows <= most/cols/valueBytes {
		n = rows * cols * valueBytes
	}
	return reserveCtx(ctx, n)
}
