package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/copydesk/copydesk/model"
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

func newTable(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0) }

func stateText(a *model.Article) string {
	if st := a.Current(); st != nil {
		return fmt.Sprintf("%s (%s)", a.State, st.Name)
	}
	if a.State == model.StateDraft && a.Returned != nil {
		return "draft (returned)"
	}
	return string(a.State)
}

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}
