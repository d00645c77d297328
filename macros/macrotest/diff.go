package macrotest

import (
	"fmt"
	"strings"
)

// maxDiffCells bounds the LCS table of UnifiedDiff (lines of a times lines
// of b, after the common prefix and suffix are removed); beyond it the
// differing middle is shown as all removed then all added.
const maxDiffCells = 1 << 22

// diffContext is the number of unchanged lines shown around a change.
const diffContext = 3

type opKind byte

const (
	opEqual opKind = ' '
	opDel   opKind = '-'
	opIns   opKind = '+'
)

type diffOp struct {
	kind opKind
	line string
}

// UnifiedDiff returns a unified diff (as diff -u prints it, three lines of
// context) that turns text a, named aName, into b, named bName; "" when
// they are equal. A last line without a final newline is marked
// "\ No newline at end of file".
func UnifiedDiff(aName, bName, a, b string) string {
	if a == b {
		return ""
	}
	al, bl := splitLines(a), splitLines(b)
	ops := diffLines(al, bl)
	// aBefore[k], bBefore[k]: lines of a and b before ops[k].
	aBefore := make([]int, len(ops)+1)
	bBefore := make([]int, len(ops)+1)
	for k, op := range ops {
		aBefore[k+1], bBefore[k+1] = aBefore[k], bBefore[k]
		if op.kind != opIns {
			aBefore[k+1]++
		}
		if op.kind != opDel {
			bBefore[k+1]++
		}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", aName, bName)
	for k := 0; k < len(ops); {
		if ops[k].kind == opEqual {
			k++
			continue
		}
		// A hunk runs from this change to the last change that follows
		// with at most 2*diffContext equal lines between changes.
		last := k
		for j := k + 1; j < len(ops) && j-last <= 2*diffContext+1; j++ {
			if ops[j].kind != opEqual {
				last = j
			}
		}
		start, end := max(k-diffContext, 0), min(last+1+diffContext, len(ops))
		fmt.Fprintf(&out, "@@ -%s +%s @@\n",
			hunkRange(aBefore[start], aBefore[end]-aBefore[start]),
			hunkRange(bBefore[start], bBefore[end]-bBefore[start]))
		for _, op := range ops[start:end] {
			out.WriteByte(byte(op.kind))
			out.WriteString(op.line)
		}
		k = last + 1
	}
	return out.String()
}

// hunkRange renders the start,count of a hunk side whose first line is
// index from (0-based); an empty side names the line before it.
func hunkRange(from, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", from)
	}
	return fmt.Sprintf("%d,%d", from+1, n)
}

// splitLines splits s into lines that keep their "\n"; a last line
// without one gets a "\ No newline at end of file" marker line.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s+"\n\\ No newline at end of file\n")
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// diffLines returns an edit script from a to b: a longest common
// subsequence of lines kept, the rest deleted then inserted.
func diffLines(a, b []string) []diffOp {
	var ops []diffOp
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		ops = append(ops, diffOp{opEqual, a[p]})
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	if len(ma)*len(mb) > maxDiffCells {
		for _, l := range ma {
			ops = append(ops, diffOp{opDel, l})
		}
		for _, l := range mb {
			ops = append(ops, diffOp{opIns, l})
		}
	} else {
		ops = append(ops, lcsOps(ma, mb)...)
	}
	for _, l := range a[len(a)-s:] {
		ops = append(ops, diffOp{opEqual, l})
	}
	return ops
}

// lcsOps is the dynamic-programming LCS edit script of a and b.
func lcsOps(a, b []string) []diffOp {
	n, m := len(a), len(b)
	// t[i][j] = LCS length of a[i:] and b[j:].
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var ops []diffOp
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, diffOp{opEqual, a[i]})
			i, j = i+1, j+1
		case i < n && (j == m || t[i+1][j] >= t[i][j+1]):
			ops = append(ops, diffOp{opDel, a[i]})
			i++
		default:
			ops = append(ops, diffOp{opIns, b[j]})
			j++
		}
	}
	return ops
}
