// Package numsyntax tells whether a string is written as a decimal number
// in the sense SPL compares and converts values: an optional sign, digits
// with an optional fraction (at least one digit overall) and an optional
// exponent. Spaces, hex, underscores, "inf" and "nan" are not numbers.
package numsyntax

// IsDecimal reports whether s, as a whole, is a decimal number as the
// package documentation describes ("1", "-2.5", ".5", "1.", "+3e-2").
func IsDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}
