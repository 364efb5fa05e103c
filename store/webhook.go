package store

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// The rule for personal webhook addresses (see notify/guard.go for why and
// for the dial-time check): https only, to a public address, unless an
// admin allowed the host (NotifySettings.WebhookAllow). SetUserNotify
// applies it when an address is set; the dispatcher again when it sends.

// ErrWebhookRefused is the class of a refused personal webhook address.
var ErrWebhookRefused error = locale.NewError("NotifyWebhookRefused", nil, model.ErrInvalid)

// WebhookAllowed reports whether host (a URL's Hostname, any case) is on
// the admin's list.
func WebhookAllowed(allow []string, host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, a := range allow {
		if strings.ToLower(strings.TrimSuffix(a, ".")) == host {
			return true
		}
	}
	return false
}

// CheckWebhookURL is the rule for a personal webhook address at the time it
// is set and at send time: https, unless its host is allowed. The address
// a name resolves to is checked when it is dialled (GuardedClient).
func CheckWebhookURL(raw string, allow []string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return locale.NewError("NotifyWebhookBadURL", nil, ErrWebhookRefused)
	}
	if WebhookAllowed(allow, u.Hostname()) {
		return nil
	}
	if u.Scheme != "https" {
		return locale.NewError("NotifyWebhookNeedsHTTPS", locale.Args{"Host": u.Hostname()}, ErrWebhookRefused)
	}
	if ip, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil && !PublicAddr(ip) {
		return locale.NewError("NotifyWebhookPrivate", locale.Args{"Host": u.Hostname(), "Addr": ip.String()}, ErrWebhookRefused)
	}
	return nil
}

// PublicAddr reports whether ip is a globally routable unicast address.
func PublicAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || !ip.IsGlobalUnicast() {
		return false
	}
	if ip.Is6() && !globalUnicast6.Contains(ip) {
		// Only 2000::/3 is allocated as global unicast (RFC 4291 §2.4):
		// outside it are the IPv4-compatible ::a.b.c.d (::/96), the
		// IPv4-translated ::ffff:0:a.b.c.d, and everything unassigned,
		// which embed or may reach an internal IPv4 address.
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// globalUnicast6 is the IPv6 global unicast space (RFC 4291, IANA).
var globalUnicast6 = netip.MustParsePrefix("2000::/3")

// nonPublic are ranges IsPrivate and friends do not cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // CGNAT, RFC 6598
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking, RFC 2544
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64 (may reach IPv4 private)
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2002::/16"),      // 6to4 (embeds any IPv4)
	netip.MustParsePrefix("fec0::/10"),      // site-local (deprecated)
	netip.MustParsePrefix("::/128"),         // unspecified
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("100::/64"),       // discard
	netip.MustParsePrefix("2001::/32"),      // Teredo (embeds IPv4)
	netip.MustParsePrefix("169.254.0.0/16"), // link-local (metadata services)
	netip.MustParsePrefix("fe80::/10"),      // link-local
	netip.MustParsePrefix("255.255.255.255/32"),
}
