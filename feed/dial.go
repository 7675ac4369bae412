package feed

import (
	"fmt"
	"net/netip"
	"syscall"
)

// refusePrivate is a net.Dialer.Control hook: it runs after DNS resolution,
// on the address actually dialled, so a public name that resolves to a
// private address (or a redirect to one) is refused too.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: unparsable address %q", ErrPrivateAddress, address)
	}
	if a := ap.Addr(); isPrivate(a) {
		return fmt.Errorf("%w: %s", ErrPrivateAddress, a)
	}
	return nil
}

// refusedPrefixes are addresses no public feed lives at, beyond what
// netip's predicates name: carrier-grade NAT (RFC 6598, private in
// practice), "this network" 0/8, IETF protocol assignments, benchmarking,
// the reserved 240/4, IPv6 site-local (deprecated, still routed inside
// some networks), local-use NAT64 (RFC 8215), discard-only and
// documentation ranges.
var refusedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("fec0::/10"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("100::/64"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// isPrivate reports whether a is an address a feed must not be fetched from:
// loopback, private, link-local, multicast, unspecified, a refused prefix,
// or an IPv6 form that carries such an IPv4 address (IPv4-mapped,
// -compatible and -translated, NAT64, 6to4, Teredo), since the network may deliver it there.
func isPrivate(a netip.Addr) bool {
	a = a.Unmap()
	for _, v4 := range embeddedIPv4(a) {
		if isPrivate(v4) {
			return true
		}
	}
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() ||
		a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() ||
		a.IsMulticast() {
		return true
	}
	for _, p := range refusedPrefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// IPv6 prefixes that embed an IPv4 address.
var (
	nat64WellKnown = netip.MustParsePrefix("64:ff9b::/96")    // RFC 6052: v4 in the last 32 bits
	sixToFour      = netip.MustParsePrefix("2002::/16")       // RFC 3056: v4 in bits 16–47
	teredo         = netip.MustParsePrefix("2001::/32")       // RFC 4380: server v4, then the client's, inverted
	ipv4Compatible = netip.MustParsePrefix("::/96")           // RFC 4291, deprecated: v4 in the last 32 bits
	ipv4Translated = netip.MustParsePrefix("::ffff:0:0:0/96") // RFC 2765 (SIIT): v4 in the last 32 bits
)

// embeddedIPv4 returns the IPv4 addresses an IPv6 address carries.
func embeddedIPv4(a netip.Addr) []netip.Addr {
	if !a.Is6() {
		return nil
	}
	b := a.As16()
	v4 := func(p []byte) netip.Addr { return netip.AddrFrom4([4]byte{p[0], p[1], p[2], p[3]}) }
	switch {
	case nat64WellKnown.Contains(a), ipv4Compatible.Contains(a), ipv4Translated.Contains(a):
		return []netip.Addr{v4(b[12:16])}
	case sixToFour.Contains(a):
		return []netip.Addr{v4(b[2:6])}
	case teredo.Contains(a):
		client := [4]byte{^b[12], ^b[13], ^b[14], ^b[15]}
		return []netip.Addr{v4(b[4:8]), netip.AddrFrom4(client)}
	}
	return nil
}
