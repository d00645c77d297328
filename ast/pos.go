package ast

// Pos is a byte offset into the search text a node was parsed from.
type Pos int

// NoPos marks a node that was built in code rather than parsed.
const NoPos Pos = -1

// Span is the half-open byte range [Start, End) a node covers.
type Span struct {
	Start Pos // offset of the node's first byte
	End   Pos // offset just past the node's last byte
}
