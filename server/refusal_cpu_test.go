package server_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestRefusedRequestCPU measures what a refused request costs the server
// process (copydesk serve, its own process): a reviewer pushes to an
// article they may not edit, and a writer-less user starts one, each with
// a hostile payload (50,000 front-matter keys, 2 MiB of '>' and 8 MiB of
// junk). The refusal comes before the input is read or parsed, so its CPU
// does not grow with the payload (BENCHMARKS.md). COPYDESK_LOAD=1 runs it.
func TestRefusedRequestCPU(t *testing.T) {
	if os.Getenv("COPYDESK_LOAD") != "1" {
		t.Skip("COPYDESK_LOAD=1 measures refused requests against copydesk serve")
	}
	o := newOffice(t)
	id := o.article(t, o.chen, "不可编辑", "原文。\n")
	p := startServe(t, o)
	c, err := gossh.Dial("tcp", p.addr, clientConfig(o.li.signer))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var keys strings.Builder
	keys.WriteString("---\nrev: 1\ntitle: x\n")
	for i := range 50000 {
		fmt.Fprintf(&keys, "k%d: v\n", i)
	}
	keys.WriteString("---\n")
	payloads := map[string]string{
		"empty":        "",
		"50,000 keys":  keys.String(),
		"2 MiB of '>'": "---\nrev: 1\ntitle: x\n---\n" + strings.Repeat(">", 2<<20),
		"8 MiB junk":   strings.Repeat("[a](", 2<<20),
	}
	const n = 10
	for _, cmd := range []string{fmt.Sprintf("article push %d", id), "article new --title x --file -"} {
		for name, payload := range payloads {
			before := p.cpuTime(t)
			start := time.Now()
			for range n {
				r := run(t, c, payload, cmd)
				if r.code != 4 {
					t.Fatalf("%s with %s: exit %d %s", cmd, name, r.code, r.stderr)
				}
			}
			cpu := (p.cpuTime(t) - before) / n
			t.Logf("%-30s %-14s server CPU %6.1f ms per refusal (wall %v)", cmd, name, float64(cpu)/1e6, (time.Since(start) / n).Round(time.Millisecond))
		}
	}
}
