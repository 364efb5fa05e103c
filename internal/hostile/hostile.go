// Package hostile is test support for the output-sanitiser tests of every
// front end (issue 17.8): a payload of what an attacker with write access
// to the database file would like to reach a terminal, a function that
// writes it into every string field of a copydesk database directly
// through bbolt (bypassing all validation), and a scanner for terminal
// output. It is imported only by tests.
package hostile

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// Payload clears the screen (CSI 2J), writes the clipboard (OSC 52), sets
// the window title (OSC 0), starts an 8-bit CSI (U+009B), reverses the
// reading order (U+202E, U+2066), overwrites the line (bare CR) and forges
// verdict lines of verify and check. The visible word EVIL shows that the
// field was displayed.
const Payload = "\x1b[2J\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned\x07\u009b31m\u202e\u2066EVIL\rverified OK\nok: 99 audit records chain correctly\n"

// Visible is the part of Payload a sanitised terminal line still shows.
const Visible = "EVIL"

// EvilLogin is the login whose stored login field Tamper also poisons:
// create a user with this login (nobody needs to sign in as it).
const EvilLogin = "evil"

var (
	hashLike = regexp.MustCompile(`^(sha256:|SHA256:)?[0-9a-fA-F]{16,}$|^SHA256:[A-Za-z0-9+/=]+$`)
	// keys whose values the program needs to find records: left alone so
	// that the commands still work on the tampered file.
	skipKeys = map[string]bool{"id": true, "sha256": true, "hash": true, "prev": true, "content_hash": true,
		"key": true, "fingerprint": true}
)

// Tamper appends Payload to every string field of every record of the
// database: users (display name, department, roles, the login of
// EvilLogin), article headers (title, owner, approvals, opinions, workflow
// and stage names, states), revisions (every content field and the body),
// the state index, comments, conflict drafts, audit records (actor,
// details), media records (name, caption, credit) and read marks. Record
// keys, times, hashes and IDs are kept so the program still finds them;
// the key index and the media bytes are not touched. Logins other than
// EvilLogin keep their users record intact so their keys still sign in.
func Tamper(db *bolt.DB) error {
	return db.Update(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			switch string(name) {
			case "keys", "media_data", "meta", "idx_audit":
				return nil
			}
			type kv struct{ k, v []byte }
			var puts []kv
			err := b.ForEach(func(k, v []byte) error {
				if v == nil { // nested bucket
					return nil
				}
				nv, err := tamperValue(string(name), v)
				if err != nil {
					return fmt.Errorf("%s/%x: %w", name, k, err)
				}
				if nv != nil {
					puts = append(puts, kv{append([]byte(nil), k...), nv})
				}
				return nil
			})
			if err != nil {
				return err
			}
			for _, p := range puts {
				if err := b.Put(p.k, p.v); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

func tamperValue(bucket string, v []byte) ([]byte, error) {
	switch bucket {
	case "revisions": // uvarint(len(meta)) | meta JSON | raw body
		n, w := binary.Uvarint(v)
		if w <= 0 || uint64(len(v)-w) < n {
			return nil, fmt.Errorf("unexpected revision encoding")
		}
		meta, err := tamperJSON(bucket, v[w:w+int(n)])
		if err != nil {
			return nil, err
		}
		body := append(append([]byte(nil), v[w+int(n):]...), []byte("\n\n正文"+Payload+"\n")...)
		out := binary.AppendUvarint(nil, uint64(len(meta)))
		return append(append(out, meta...), body...), nil
	case "idx_state":
		return tamperSummary(v)
	}
	if !json.Valid(v) {
		return nil, nil
	}
	return tamperJSON(bucket, v)
}

func tamperJSON(bucket string, raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return nil, err
	}
	x = walk(bucket, "", x)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func walk(bucket, key string, x any) any {
	switch x := x.(type) {
	case map[string]any:
		for k, v := range x {
			x[k] = walk(bucket, k, v)
		}
		return x
	case []any:
		for i, v := range x {
			x[i] = walk(bucket, key, v)
		}
		return x
	case string:
		if key == "login" && bucket == "users" && x != EvilLogin {
			return x
		}
		if skipKeys[key] || hashLike.MatchString(x) || strings.HasPrefix(x, "ssh-") || x == "" {
			return x
		}
		if _, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return x
		}
		return x + Payload
	}
	return x
}

// tamperSummary rewrites one state-index row (the store's binary list row:
// uvarint id, string kind, string state, uvarint stage, string stage name,
// string stage role, uvarint rev, string owner, string title, varint
// updated; strings are uvarint length + bytes) with Payload appended to the
// stage name, owner and title.
func tamperSummary(v []byte) ([]byte, error) {
	var out []byte
	bad := false
	uv := func() {
		_, n := binary.Uvarint(v)
		if n <= 0 {
			bad = true
			return
		}
		out, v = append(out, v[:n]...), v[n:]
	}
	str := func(poison bool) {
		l, n := binary.Uvarint(v)
		if n <= 0 || uint64(len(v)-n) < l {
			bad = true
			return
		}
		s := string(v[n : n+int(l)])
		v = v[n+int(l):]
		if poison {
			s += Payload
		}
		out = append(binary.AppendUvarint(out, uint64(len(s))), s...)
	}
	uv()
	str(false) // kind
	str(false) // state
	uv()
	str(true)  // stage name
	str(false) // stage role
	uv()
	str(true) // owner
	str(true) // title
	if bad {
		return nil, fmt.Errorf("unexpected state index encoding")
	}
	return append(out, v...), nil
}

// Problems lists what in out could drive a terminal: ESC, other C0
// controls but newline and tab, a carriage return, DEL, C1 controls
// (decoded U+0080–U+009F, and raw bytes 0x80–0x9F outside UTF-8
// sequences), bidirectional formatting characters, and the payloads of the
// OSC sequences in Payload (a sequence half removed). json says out is JSON
// output, where OSC payloads survive as escaped text and only raw controls
// count.
func Problems(out string, json bool) []string {
	var probs []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			probs = append(probs, s)
		}
	}
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			if c := out[i]; c >= 0x80 && c <= 0x9f {
				add(fmt.Sprintf("raw C1 byte %#x", c))
			}
		case r == 0x1b:
			add("ESC")
		case r == '\r':
			add("CR")
		case r < 0x20 && r != '\n' && r != '\t', r == 0x7f:
			add(fmt.Sprintf("control %U", r))
		case r >= 0x80 && r <= 0x9f:
			add(fmt.Sprintf("C1 %U", r))
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c:
			add(fmt.Sprintf("bidi %U", r))
		}
		i += size
	}
	if !json {
		// Shown escaped (verify's quoting, YAML's \e, JSON's \u001b) the
		// sequences are text; raw, a remnant means one was half removed.
		rest := out
		for _, e := range []string{`\x1b`, `\e`, `\u001b`, `\u001B`} {
			for _, s := range []string{"[2J", "]52;c;cHduZWQ=", "]0;pwned"} {
				rest = strings.ReplaceAll(rest, e+s, "")
			}
		}
		for _, s := range []string{"pwned", "cHduZWQ", "]52;", "[2J"} {
			if strings.Contains(rest, s) {
				add(fmt.Sprintf("OSC/CSI remnant %q", s))
			}
		}
	}
	return probs
}

// ForgedVerdict reports whether out has a line that starts like the
// verdict of a clean verify or check ("ok:" or "verified" in English,
// "正常：" in Chinese).
func ForgedVerdict(out string) bool {
	for _, line := range strings.Split(out, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "ok:") || strings.HasPrefix(l, "正常：") || strings.HasPrefix(strings.ToLower(l), "verified") {
			return true
		}
	}
	return false
}
