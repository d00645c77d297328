// Package ast defines the syntax tree of an SPL search: a Query is a
// pipeline of Commands; search-language filters (the arguments of search and
// of tstats' where clause) are SearchExpr trees.
//
// Every node records its Span, byte offsets into the expanded search text
// the parser read. String returns canonical SPL that parses back to an equal
// tree (positions aside); see print.go for the canonical form.
//
// The methods of a nil node answer empty values (String "", the zero
// Span, no option), and a zero node prints its missing children as empty
// text, so that a tree built by hand never makes a method panic.
//
// The package has no dependencies: the parser, the macro expander and the
// evaluator all share it.
package ast
