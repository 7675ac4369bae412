package feed

import (
	"context"
	"errors"
	"testing"
)

func TestCheckURL(t *testing.T) {
	tests := []struct {
		raw          string
		allowPrivate bool
		want         error // nil, ErrInvalidURL or ErrPrivateAddress
	}{
		{"http://127.0.0.1/feed", false, ErrPrivateAddress},
		{"http://127.0.0.1:8080/feed", true, nil},
		{"https://[::1]/feed", false, ErrPrivateAddress},
		{"http://[::ffff:127.0.0.1]/", false, ErrPrivateAddress},
		{"http://[::127.0.0.1]/", false, ErrPrivateAddress},
		{"http://[64:ff9b::7f00:1]/", false, ErrPrivateAddress},
		{"http://[2002:a00:1::]/", false, ErrPrivateAddress},
		{"http://10.0.0.5/rss", false, ErrPrivateAddress},
		{"http://192.168.1.10/rss", false, ErrPrivateAddress},
		{"http://172.16.3.4/rss", false, ErrPrivateAddress},
		{"http://169.254.169.254/latest/meta-data", false, ErrPrivateAddress},
		{"http://100.64.1.1/", false, ErrPrivateAddress},
		{"http://0.0.0.0/", false, ErrPrivateAddress},
		{"http://localhost:9090/metrics", false, ErrPrivateAddress},
		{"http://LOCALHOST./", false, ErrPrivateAddress},
		{"http://api.localhost/", false, ErrPrivateAddress},
		{"http://localhost/", true, nil},
		{"ftp://example.com/feed", false, ErrInvalidURL},
		{"file:///etc/passwd", true, ErrInvalidURL},
		{"javascript:alert(1)", false, ErrInvalidURL},
		{"https:///feed", false, ErrInvalidURL},
		{"/var/feeds/local.xml", true, ErrInvalidURL},
		{"http://%zz/", false, ErrInvalidURL},
		{"https://93.184.216.34/feed", false, nil},
		{"https://[2606:2800:220:1:248:1893:25c8:1946]/feed", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			err := CheckURL(context.Background(), tt.raw, tt.allowPrivate)
			switch {
			case tt.want == nil && err != nil:
				t.Errorf("CheckURL(%q, %v) = %v, want nil", tt.raw, tt.allowPrivate, err)
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Errorf("CheckURL(%q, %v) = %v, want %v", tt.raw, tt.allowPrivate, err, tt.want)
			}
		})
	}
}

func TestCheckURLHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// A name (not an IP literal) must be resolved, and a dead context must
	// stop the lookup rather than let it through.
	if err := CheckURL(ctx, "https://feeds.example.invalid/rss", false); err == nil {
		t.Fatal("CheckURL with a cancelled context succeeded")
	}
}
