package eval

import "math"

// Bitwise eval functions [D S-bitfn: "Bitwise functions" (Splunk 9.2+)]:
// every argument must be a nonnegative integer below 2^53; another
// argument gives null [U: the reference states the range, not the result
// outside it].
var bitFuncs = map[string]*funcSpec{
	// bit_and, bit_or, bit_xor: two or more values, applied in turn.
	"bit_and": bitFold(func(a, b uint64) uint64 { return a & b }),
	"bit_or":  bitFold(func(a, b uint64) uint64 { return a | b }),
	"bit_xor": bitFold(func(a, b uint64) uint64 { return a ^ b }),
	// bit_not(value[, bitmask]): the complement of value within bitmask,
	// by default the 53 bits a value may have [U].
	"bit_not": {min: 1, max: 2, pure: true, ret: tNum, fn: func(a []Value) Value {
		v, ok := bitArg(a[0])
		mask := uint64(maxBitValue)
		if ok && len(a) == 2 {
			mask, ok = bitArg(a[1])
		}
		if !ok {
			return Null()
		}
		return Num(float64(^v & mask))
	}},
	// bit_shift_left(value, n), bit_shift_right(value, n); a left shift
	// past 53 bits keeps the low 53 [U].
	"bit_shift_left": bitShift(func(v uint64, n uint) uint64 { return (v << n) & maxBitValue }),
	"bit_shift_right": bitShift(func(v uint64, n uint) uint64 {
		return v >> n
	}),
}

// maxBitValue is the largest value the bitwise functions take: 2^53-1.
const maxBitValue = 1<<53 - 1

// bitArg reads a nonnegative integer of at most 53 bits.
func bitArg(v Value) (uint64, bool) {
	f, ok := toNum(first(v))
	if !ok || f < 0 || f > maxBitValue || f != math.Trunc(f) {
		return 0, false
	}
	return uint64(f), true
}

// bitFold applies op to its two or more arguments in turn.
func bitFold(op func(a, b uint64) uint64) *funcSpec {
	return &funcSpec{min: 2, max: -1, pure: true, ret: tNum, fn: func(a []Value) Value {
		acc, ok := bitArg(a[0])
		for _, x := range a[1:] {
			v, vok := bitArg(x)
			ok = ok && vok
			acc = op(acc, v)
		}
		if !ok {
			return Null()
		}
		return Num(float64(acc))
	}}
}

// bitShift shifts its first argument by its second (0 to 53).
func bitShift(op func(v uint64, n uint) uint64) *funcSpec {
	return &funcSpec{min: 2, max: 2, pure: true, ret: tNum, fn: func(a []Value) Value {
		v, ok1 := bitArg(a[0])
		n, ok2 := bitArg(a[1])
		if !ok1 || !ok2 || n > 53 {
			return Null()
		}
		return Num(float64(op(v, uint(n))))
	}}
}
