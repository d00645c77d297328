package serve

import (
	"fmt"
	"net"
	"strings"
)

// CheckAddr checks a listen address (host:port) against the loopback-only
// default: it reports whether addr is reachable from other machines, and
// refuses it unless allowRemote. An empty host, 0.0.0.0 or :: listen on
// every interface; only localhost and loopback IPs stay local.
func CheckAddr(addr string, allowRemote bool) (remote bool, err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--addr %s: %v", addr, err)
	}
	if isLoopback(host) {
		return false, nil
	}
	if !allowRemote {
		return true, fmt.Errorf("--addr %s is reachable from other machines and the app has no authentication: add --allow-remote to do it anyway", addr)
	}
	return true, nil
}

// isLoopback reports whether host only accepts connections from this
// machine.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
