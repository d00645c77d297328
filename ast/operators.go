package ast

// BinaryOp is a binary operator of eval/where syntax. The one table below
// gives every operator its precedence; the parser (precedence climbing) and
// the printer (minimal parentheses) both read it.
type BinaryOp string

// The binary operators, loosest first.
const (
	BinXor    BinaryOp = "XOR"
	BinOr     BinaryOp = "OR"
	BinAnd    BinaryOp = "AND"
	BinEq     BinaryOp = "="
	BinEqEq   BinaryOp = "=="
	BinNe     BinaryOp = "!="
	BinLt     BinaryOp = "<"
	BinLe     BinaryOp = "<="
	BinGt     BinaryOp = ">"
	BinGe     BinaryOp = ">="
	BinLike   BinaryOp = "LIKE"
	BinAdd    BinaryOp = "+"
	BinSub    BinaryOp = "-"
	BinConcat BinaryOp = "."
	BinMul    BinaryOp = "*"
	BinDiv    BinaryOp = "/"
	BinMod    BinaryOp = "%"
)

// Precedence levels of eval syntax, loosest first (Splunk: parentheses >
// NOT > AND > OR > XOR for booleans [D S-eval]; comparisons below
// arithmetic as in every C-like language [I]).
const (
	PrecXor        = 1
	PrecOr         = 2
	PrecAnd        = 3
	PrecNot        = 4 // prefix NOT
	PrecCompare    = 5
	PrecAdditive   = 6 // + - .
	PrecMultiplier = 7 // * / %
	PrecUnary      = 8 // prefix - +
)

// Precedence is how tightly op binds; 0 for an unknown operator. All binary
// operators are left-associative.
func (op BinaryOp) Precedence() int {
	switch op {
	case BinXor:
		return PrecXor
	case BinOr:
		return PrecOr
	case BinAnd:
		return PrecAnd
	case BinEq, BinEqEq, BinNe, BinLt, BinLe, BinGt, BinGe, BinLike:
		return PrecCompare
	case BinAdd, BinSub, BinConcat:
		return PrecAdditive
	case BinMul, BinDiv, BinMod:
		return PrecMultiplier
	}
	return 0
}

// BinaryOps lists every binary operator, for parsers and tests.
func BinaryOps() []BinaryOp {
	return []BinaryOp{BinXor, BinOr, BinAnd, BinEq, BinEqEq, BinNe, BinLt, BinLe, BinGt, BinGe, BinLike,
		BinAdd, BinSub, BinConcat, BinMul, BinDiv, BinMod}
}

// Precedence is how tightly a prefix operator binds.
func (op UnaryOp) Precedence() int {
	if op == UnaryNot {
		return PrecNot
	}
	return PrecUnary
}
