package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// writeJSON writes v as indented JSON with C1 and bidi characters escaped
// (termsafe.JSON): the text is exact for programs, plain for terminals.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(termsafe.JSON(buf.Bytes()))
	return err
}

// table lays out tab-separated rows in columns padded by display width
// (a Chinese character takes two columns, as a terminal shows it), which
// text/tabwriter, counting bytes, gets wrong. Write rows, then Flush.
type table struct {
	w    io.Writer
	buf  bytes.Buffer
	rows [][]string
}

// fileName is a file name as a message shows it: Go's quoting without the
// quotes, so a control character or a bidi override reads as \x1b or
// \u202e and the name stays one line that names the file exactly.
func fileName(p string) string {
	q := strconv.Quote(p)
	return q[1 : len(q)-1]
}

func newTable(w io.Writer) *table { return &table{w: w} }

// Write buffers text; complete lines become rows.
func (t *table) Write(p []byte) (int, error) {
	t.buf.Write(p)
	for {
		line, err := t.buf.ReadString('\n')
		if err != nil {
			t.buf.Reset()
			t.buf.WriteString(line)
			return len(p), nil
		}
		t.rows = append(t.rows, strings.Split(strings.TrimSuffix(line, "\n"), "\t"))
	}
}

// Flush writes the rows, each cell but the last padded to its column's
// widest cell plus two spaces.
func (t *table) Flush() error {
	if t.buf.Len() > 0 {
		t.rows = append(t.rows, strings.Split(t.buf.String(), "\t"))
		t.buf.Reset()
	}
	var widths []int
	for _, r := range t.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	var out strings.Builder
	for _, r := range t.rows {
		for i, c := range r {
			out.WriteString(c)
			if i < len(r)-1 {
				out.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
			}
		}
		out.WriteByte('\n')
	}
	t.rows = nil
	_, err := io.WriteString(t.w, out.String())
	return err
}

// stateText is an article's state with its stage in lang: "review (审核)"
// in English, "审核中（审核）" in Chinese.
func stateText(lang locale.Lang, a *model.Article) string {
	if st := a.Current(); st != nil {
		return locale.T(lang, "CLIStateStage", locale.Args{"State": stateName(lang, a.State), "Stage": st.Name})
	}
	if a.State == model.StateDraft && a.Returned != nil {
		return locale.T(lang, "CLIDraftReturned")
	}
	return stateName(lang, a.State)
}

// when shows a time in the office's time zone (the site setting, read when
// the store is opened; default Asia/Shanghai), not the server's.
func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(currentZone()).Format("2006-01-02 15:04")
}

// zoneNote prints, once under an output whose times are shown by when,
// the zone they are in ("时间为 Asia/Shanghai").
func zoneNote(env *Env) error {
	_, err := fmt.Fprintln(env.Stdout, env.t("CLITimeZoneNote", locale.Args{"Zone": currentZone().String()}))
	return err
}

// office holds the office's time zone for this process's commands: every
// session shares the one database, so they share its setting.
var office atomic.Pointer[time.Location]

// currentZone is the office's time zone as last read from the store.
func currentZone() *time.Location {
	if z := office.Load(); z != nil {
		return z
	}
	return store.SiteSettings{}.Zone()
}

// loadZone reads the office's time zone setting from st.
func loadZone(st *store.Store) {
	if set, err := st.Settings(); err == nil {
		office.Store(set.Zone())
	}
}
