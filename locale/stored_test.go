package locale

import (
	"encoding/json"
	"fmt"
	"testing"
)

// A kept error, written as JSON and read back, renders as the live error
// does in each language: catalog messages, their arguments, OS errors
// inside them and plural counts.
func TestKeepRoundTrip(t *testing.T) {
	var errs []error
	for _, c := range realOSErrors(t) {
		errs = append(errs, c.err, NewError("ErrorPrefix", Args{"Message": c.err}, c.err))
	}
	errs = append(errs,
		NewError("ErrFormPrint", Args{"Browser": "chromium", "Reason": NewError("ErrFormPrintWait", nil)}),
		M2("CLIArticles", Args{"Count": 1}),
		M2("CLIArticles", Args{"Count": 3}),
		fmt.Errorf("plain English"),
	)
	for _, err := range errs {
		raw, jerr := json.Marshal(Keep(err))
		if jerr != nil {
			t.Fatal(jerr)
		}
		var back Stored
		if jerr := json.Unmarshal(raw, &back); jerr != nil {
			t.Fatalf("%s: %v", raw, jerr)
		}
		for _, l := range Langs {
			if got, want := back.In(l), Err(l, err); got != want {
				t.Errorf("%s: %s\n kept %q\n live %q", l, raw, got, want)
			}
		}
	}
	if k := Keep(nil); !k.IsZero() || k.In(ZH) != "" {
		t.Error("nil is not the zero Stored")
	}
}

// M2 is a message as an error, for the test.
func M2(id string, args Args) error { return NewError(id, args) }
