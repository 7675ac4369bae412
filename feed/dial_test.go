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
		{"[::127.0.0.1]:80", true},                    // IPv4-compatible
		{"[::ffff:0:7f00:1]:80", true},                // IPv4-translated (SIIT)
		{"[64:ff9b::7f00:1]:80", true},                // NAT64 of 127.0.0.1
		{"[64:ff9b::a9fe:a9fe]:80", true},             // NAT64 of the cloud metadata address
		{"[64:ff9b:1::5db8:d822]:80", true},           // local-use NAT64
		{"[2002:c0a8:0101::1]:80", true},              // 6to4 of 192.168.1.1
		{"[2002:7f00:1::]:80", true},                  // 6to4 of 127.0.0.1
		{"[2001:0:5db8:d822:0:0:80ff:fffe]:80", true}, // Teredo, client 127.0.0.1 (inverted)
		{"[2001:0:c0a8:101::]:80", true},              // Teredo, server 192.168.1.1
		{"[fec0::1]:80", true},                        // site-local
		{"0.1.2.3:80", true},
		{"198.18.0.1:80", true},
		{"240.0.0.1:80", true},
		{"[64:ff9b::5db8:d822]:443", false}, // NAT64 of 93.184.216.34: an IPv6-only network's way out
		{"[2002:5db8:d822::1]:443", false},  // 6to4 of a public address
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
