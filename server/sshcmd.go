package server

import (
	"net"

	"github.com/charmbracelet/ssh"
)

// sshCommand is the command that reaches this server as the session s
// did: "ssh -p PORT HOST" with the address the client connected to
// (s.LocalAddr: the host as an IP, as the server knows no name for
// itself), "-p" left out for port 22. Messages that tell a user what to
// run over SSH use it instead of placeholders.
func sshCommand(s ssh.Session) string {
	host, port, err := net.SplitHostPort(s.LocalAddr().String())
	if err != nil || host == "" {
		return "ssh"
	}
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		host = "[" + host + "]"
	}
	if port == "22" || port == "" {
		return "ssh " + host
	}
	return "ssh -p " + port + " " + host
}
