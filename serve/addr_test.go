package serve

import "testing"

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr        string
		allow       bool
		remote, bad bool
	}{
		{"127.0.0.1:8089", false, false, false},
		{"localhost:8089", false, false, false},
		{"[::1]:8089", false, false, false},
		{"127.0.0.2:0", false, false, false},
		{":8089", false, true, true},
		{"0.0.0.0:8089", false, true, true},
		{"[::]:8089", false, true, true},
		{"192.168.1.5:8089", false, true, true},
		{"example.com:80", false, true, true},
		{"0.0.0.0:8089", true, true, false},
		{"8089", false, false, true},
	}
	for _, tc := range tests {
		remote, err := CheckAddr(tc.addr, tc.allow)
		if remote != tc.remote || (err != nil) != tc.bad {
			t.Errorf("CheckAddr(%q, %v) = %v, %v; want remote %v, error %v", tc.addr, tc.allow, remote, err, tc.remote, tc.bad)
		}
	}
}
