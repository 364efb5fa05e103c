package termsafe

import (
	"io"
	"sync"
	"unicode/utf8"
)

// state is where the streaming sanitiser is inside an escape sequence.
type state uint8

const (
	ground   state = iota
	escState       // after ESC
	escInter       // ESC, intermediate bytes 0x20–0x2F
	csiState       // after ESC [ or U+009B: parameters and intermediates
	strState       // OSC, DCS, SOS, PM, APC payload
	strEsc         // ESC inside a payload: ST or a new sequence
	strC2          // 0xC2 inside a payload: maybe U+009C (ST)
)

// machine is the byte-at-a-time form of String: the same rules, able to
// resume where a Write split a sequence or a UTF-8 character. keepSGR makes
// it Frame's: SGR sequences (ESC [ digits ; : m) pass, every other
// sequence is removed.
type machine struct {
	st      state
	keepSGR bool
	pend    [utf8.UTFMax]byte // an incomplete UTF-8 character in ground
	npend   int
	csi     []byte // parameters of the current ESC [ sequence (keepSGR)
	sgrOK   bool   // the current CSI began with ESC [ and has only SGR bytes
}

// feed appends the sanitised form of p to out.
func (m *machine) feed(out []byte, p []byte) []byte {
	for i := 0; i < len(p); i++ {
		// Bulk-copy runs of plain ASCII in ground state.
		if m.st == ground && m.npend == 0 {
			j := i
			for j < len(p) && ((p[j] >= 0x20 && p[j] < 0x7f) || p[j] == '\n' || p[j] == '\t') {
				j++
			}
			if j > i {
				out = append(out, p[i:j]...)
				i = j - 1
				continue
			}
		}
		out = m.byte(out, p[i])
	}
	return out
}

// finish ends the stream: an incomplete UTF-8 character becomes one U+FFFD
// per byte; an unterminated sequence is dropped.
func (m *machine) finish(out []byte) []byte {
	for range m.npend {
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	m.npend, m.st = 0, ground
	return out
}

func (m *machine) byte(out []byte, c byte) []byte {
	switch m.st {
	case escState:
		switch {
		case c == '[':
			m.st, m.csi, m.sgrOK = csiState, m.csi[:0], true
		case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
			m.st = strState
		case c >= 0x20 && c <= 0x2f:
			m.st = escInter
		case c >= 0x30 && c <= 0x7e:
			m.st = ground
		default:
			m.st = ground
			return m.byte(out, c)
		}
		return out
	case escInter:
		switch {
		case c >= 0x20 && c <= 0x2f:
		case c >= 0x30 && c <= 0x7e:
			m.st = ground
		default:
			m.st = ground
			return m.byte(out, c)
		}
		return out
	case csiState:
		switch {
		case c >= 0x20 && c <= 0x3f:
			if m.keepSGR {
				if (c >= '0' && c <= '9') || c == ';' || c == ':' {
					m.csi = append(m.csi, c)
				} else {
					m.sgrOK = false
				}
			}
		case c >= 0x40 && c <= 0x7e:
			m.st = ground
			if m.keepSGR && m.sgrOK && c == 'm' && len(m.csi) <= 64 {
				out = append(out, 0x1b, '[')
				out = append(out, m.csi...)
				out = append(out, 'm')
			}
		default:
			m.st = ground
			return m.byte(out, c)
		}
		return out
	case strState:
		switch c {
		case bel, can, sub:
			m.st = ground
		case esc:
			m.st = strEsc
		case 0xc2:
			m.st = strC2
		}
		return out
	case strEsc:
		if c == '\\' {
			m.st = ground
			return out
		}
		// Any other ESC cancels the payload and starts a sequence of its own.
		m.st = escState
		return m.byte(out, c)
	case strC2:
		if c == c1ST {
			m.st = ground
			return out
		}
		m.st = strState
		return m.byte(out, c)
	}

	// ground
	if m.npend == 0 && c < utf8.RuneSelf {
		switch {
		case c == esc:
			m.st = escState
		case c == '\n' || c == '\t':
			out = append(out, c)
		case c < 0x20 || c == del:
		default:
			out = append(out, c)
		}
		return out
	}
	m.pend[m.npend] = c
	m.npend++
	if !utf8.FullRune(m.pend[:m.npend]) {
		return out
	}
	var buf [utf8.UTFMax]byte
	n := copy(buf[:], m.pend[:m.npend])
	m.npend = 0
	r, size := utf8.DecodeRune(buf[:n])
	switch {
	case r == utf8.RuneError && size == 1:
		out = utf8.AppendRune(out, utf8.RuneError)
	case r == c1CSI:
		m.st, m.csi, m.sgrOK = csiState, m.csi[:0], false
	case r == c1OSC || r == c1DCS || r == c1SOS || r == c1PM || r == c1APC:
		m.st = strState
	case isC1(r) || isBidi(r):
	default:
		out = append(out, buf[:size]...)
	}
	for _, b := range buf[size:n] {
		out = m.byte(out, b)
	}
	return out
}

// Writer is an io.Writer that passes everything written to it through the
// rules of String before it reaches the underlying writer: escape sequences
// (CSI, OSC, DCS, SOS, PM, APC, others), C0 controls but newline and tab
// (a carriage return too), DEL, C1 controls and bidirectional formatting
// characters are removed; invalid UTF-8 becomes U+FFFD. A sequence or a
// UTF-8 character split across Write calls is handled as if written at
// once. Every front end's terminal-bound stream goes through one: the
// command line's standard output and error (locally and over SSH) and the
// server's log.
//
// Write reports len(p) when the underlying writer took the sanitised
// bytes. A Writer is safe for concurrent use: a command's own output and a
// timer's notice (cli's stdin hint) may share one stream; each Write is
// sanitised and passed on whole, under the Writer's lock.
type Writer struct {
	mu  sync.Mutex
	w   io.Writer
	m   machine
	buf []byte
}

// NewWriter returns a sanitising Writer on w. A *Writer given to NewWriter
// is returned as it is, so wrapping twice is harmless.
func NewWriter(w io.Writer) *Writer {
	if sw, ok := w.(*Writer); ok {
		return sw
	}
	return &Writer{w: w}
}

// Write sanitises p and writes the result to the underlying writer.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = w.m.feed(w.buf[:0], p)
	if len(w.buf) > 0 {
		if _, err := w.w.Write(w.buf); err != nil {
			return 0, err
		}
	}
	if cap(w.buf) > 64<<10 {
		w.buf = nil
	}
	return len(p), nil
}

// WriteString is Write for a string.
func (w *Writer) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Flush ends the stream: an incomplete UTF-8 character at the end becomes
// U+FFFD and an unterminated escape sequence is dropped. The Writer can be
// used again afterwards.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = w.m.finish(w.buf[:0])
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.w.Write(w.buf)
	return err
}

// Unwrap returns the underlying writer (for terminal detection; never write
// to it directly).
func (w *Writer) Unwrap() io.Writer { return w.w }

// Frame is String for a whole rendered screen of the TUI: it keeps SGR
// sequences (ESC [ … m: colours and text attributes, which lipgloss and
// glamour emit) and removes everything else String removes — cursor
// movement, screen clearing, OSC (title, clipboard, hyperlinks), C1, bidi
// controls, carriage returns. The TUI's root View passes every frame
// through it, so a field a page forgot to sanitise still cannot drive the
// terminal. When s is already clean, Frame returns s without allocating.
func Frame(s string) string {
	if frameClean(s) {
		return s
	}
	m := machine{keepSGR: true}
	out := m.feed(make([]byte, 0, len(s)), []byte(s))
	return string(m.finish(out))
}

// frameClean reports whether Frame would return s unchanged: clean except
// for well-formed SGR sequences.
func frameClean(s string) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			switch {
			case b == esc:
				j := i + 1
				if j >= len(s) || s[j] != '[' {
					return false
				}
				j++
				for j < len(s) && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';' || s[j] == ':') {
					j++
				}
				if j >= len(s) || s[j] != 'm' || j-i-2 > 64 {
					return false
				}
				i = j + 1
				continue
			case b < 0x20 && b != '\n' && b != '\t', b == del:
				return false
			}
			i++
			continue
		}
		if b >= 0xe3 && b <= 0xec && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || isC1(r) || isBidi(r) {
			return false
		}
		i += size
	}
	return true
}

// JSON escapes, inside encoded JSON, the characters encoding/json leaves
// raw but a terminal would act on: C1 controls (U+0080–U+009F), DEL and the
// bidirectional formatting characters become \uXXXX escapes, so the text is
// kept exactly for programs that read the JSON while a terminal shows only
// printable ASCII for them. b must be the output of encoding/json (valid
// UTF-8, these characters only inside strings). When nothing needs
// escaping, b is returned as it is.
func JSON(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == del {
				out = append(append(out, b[last:i]...), `\u007f`...)
				last = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if isC1(r) || isBidi(r) {
			const hex = "0123456789abcdef"
			out = append(out, b[last:i]...)
			out = append(out, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
			last = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}
