package numsyntax

import "testing"

func TestIsDecimal(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"0", true}, {"-12", true}, {"+3", true}, {"1.5", true}, {".5", true}, {"1.", true},
		{"1e10", true}, {"2.5E-3", true}, {"-.5e+2", true},
		{"", false}, {"+", false}, {".", false}, {"1e", false}, {"1e+", false}, {" 1", false},
		{"1 ", false}, {"0x10", false}, {"1_000", false}, {"inf", false}, {"nan", false}, {"1.2.3", false},
	}
	for _, tt := range tests {
		if got := IsDecimal(tt.s); got != tt.want {
			t.Errorf("IsDecimal(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
