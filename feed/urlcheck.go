package feed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// ErrInvalidURL means a feed address is not an absolute http(s) URL with a host.
var ErrInvalidURL = errors.New("invalid feed URL")

// CheckURL vets an address an admin asks to follow before anything fetches
// it: only http(s) with a host, and unless allowPrivate, a host that resolves
// to no loopback, private, link-local, unspecified or CGNAT address. The
// fetcher's dial hook checks again at connect time (DNS may change, redirects
// may point inward); this check exists to refuse early with a clear message.
// Errors wrap ErrInvalidURL or ErrPrivateAddress.
func CheckURL(ctx context.Context, raw string, allowPrivate bool) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidURL, err)
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return fmt.Errorf("%w: scheme must be http or https, got %q", ErrInvalidURL, u.Scheme)
	}
	host := u.Hostname()
	if host == "" {
		return fmt.Errorf("%w: no host in %q", ErrInvalidURL, raw)
	}
	if allowPrivate {
		return nil
	}
	// RFC 6761: localhost names are loopback whatever a resolver says.
	if h := strings.TrimSuffix(strings.ToLower(host), "."); h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, host)
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if a = a.Unmap(); isPrivate(a) {
			return fmt.Errorf("%w: %s", ErrPrivateAddress, a)
		}
		return nil
	}
	addrs, err := net.DefaultResolver.LookupIPAddr(ctx, host)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", host, err)
	}
	for _, ia := range addrs {
		a, ok := netip.AddrFromSlice(ia.IP)
		if a = a.Unmap(); !ok || isPrivate(a) {
			return fmt.Errorf("%w: %s resolves to %s", ErrPrivateAddress, host, a)
		}
	}
	return nil
}
