package feed

import (
	"errors"
	"testing"
)

func TestRefusePrivate(t *testing.T) {
	tests := []struct {
		addr    string
		refused bool
	}{
		{"127.0.0.1:80", true},
		{"127.0.0.50:8080", true},
		{"10.1.2.3:443", true},
		{"172.16.0.1:443", true},
		{"192.168.1.1:80", true},
		{"169.254.169.254:80", true}, // cloud metadata
		{"100.64.0.1:80", true},
		{"0.0.0.0:80", true},
		{"[::1]:443", true},
		{"[fe80::1]:443", true},
		{"[fc00::1]:443", true},
		{"[::ffff:127.0.0.1]:80", true},
		{"not-an-address", true},
		{"93.184.216.34:443", false},
		{"[2606:2800:220:1:248:1893:25c8:1946]:443", false},
		{"133.242.0.1:80", false},
	}
	for _, tt := range tests {
		err := refusePrivate("tcp", tt.addr, nil)
		if got := errors.Is(err, ErrPrivateAddress); got != tt.refused {
			t.Errorf("refusePrivate(%s) = %v, want refused %v", tt.addr, err, tt.refused)
		}
	}
}
