package notify

import (
	"crypto/tls"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

// Personal webhooks (copydesk me notify --webhook) are addresses any user
// types, and the server posts to them: without a guard a writer could make
// the server reach internal services (SSRF: http://127.0.0.1:8080/admin,
// the cloud metadata address 169.254.169.254, a printer on 10.0.0.5). So a
// personal webhook is sent only
//
//   - over https (a redirect too), and
//   - to a public address: the address actually dialled — after DNS, in
//     the dialer's Control hook — is refused when it is loopback,
//     link-local, private (RFC 1918, RFC 4193 fc00::/7), unspecified,
//     multicast, CGNAT (RFC 6598 100.64.0.0/10) or otherwise not globally
//     routable. Checking the dialled address, not a resolved name, means a
//     name that resolves to a public address once and to 127.0.0.1 the next
//     time (DNS rebinding) is caught;
//
// unless an admin allowed the host (store.NotifySettings.WebhookAllow,
// copydesk notify allow-host, audited): then it is sent as office channels
// are. Office channels (notify add) are set by an admin and are not
// guarded. Proxies from the environment are not used for guarded sends (the
// proxy, not the guard, would dial).

// guardControl is the dialer's Control hook: it sees the address about to
// be connected, after resolution.
func guardControl(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return locale.NewError("NotifyWebhookBadURL", nil, store.ErrWebhookRefused)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !store.PublicAddr(ip) {
		return locale.NewError("NotifyWebhookPrivateDial", locale.Args{"Addr": host}, store.ErrWebhookRefused)
	}
	return nil
}

// GuardedClient returns a client for personal webhooks built on base (its
// timeout and TLS settings; nil: DefaultTimeout): every connection is
// checked by guardControl, no proxy is used, and a redirect must be https
// and is dialled through the same guard.
func GuardedClient(base *http.Client, timeout time.Duration) *http.Client {
	var tr *http.Transport
	if base != nil {
		if t, ok := base.Transport.(*http.Transport); ok {
			tr = t.Clone()
		}
		if base.Timeout > 0 {
			timeout = base.Timeout
		}
	}
	if tr == nil {
		tr = http.DefaultTransport.(*http.Transport).Clone()
	}
	dialer := &net.Dialer{Timeout: timeout, Control: guardControl}
	tr.Proxy = nil
	tr.DialContext = dialer.DialContext
	tr.DialTLSContext = nil
	if tr.TLSClientConfig == nil {
		tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	return &http.Client{
		Timeout:   timeout,
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return locale.NewError("NotifyWebhookRedirects", nil, store.ErrWebhookRefused)
			}
			if req.URL.Scheme != "https" {
				return locale.NewError("NotifyWebhookNeedsHTTPS", locale.Args{"Host": req.URL.Hostname()}, store.ErrWebhookRefused)
			}
			return nil
		},
	}
}

// webhookClient chooses the client for a personal webhook: the guarded
// one unless the admin allowed its host. It refuses an address that breaks
// the rule before anything is sent.
func webhookClient(base *http.Client, timeout time.Duration, sec store.ChannelSecret, allow []string) (*http.Client, error) {
	if err := store.CheckWebhookURL(sec.URL, allow); err != nil {
		return nil, err
	}
	u, _ := url.Parse(sec.URL)
	if store.WebhookAllowed(allow, u.Hostname()) {
		if base != nil {
			return base, nil
		}
		return &http.Client{Timeout: timeout}, nil
	}
	return GuardedClient(base, timeout), nil
}
