package export

import (
	"errors"
	"math/rand"
	"strings"
	"testing"
	"text/template"
)

// The default credits and byline lines are built without running their
// templates (defaultCreditsLine, defaultBylineLine); for every kind of
// record — empty fields, blanks, several photographers, slashes, markup,
// template syntax, invalid UTF-8, lines over MaxCreditsLine — the line
// must be the one the template prints, and a line too long must fail the
// same way.
func TestDefaultCreditsLineMatchesTemplate(t *testing.T) {
	pool := []string{"", " ", "\u3000", "/", " / ", "党委宣传部", "张三", "李 四", "主编", "分管领导", "<script>alert(1)</script>",
		"{{.Source}}", "%s%d", "、", "（）", "\xff\xfe", "a&b\"c'", "\t王五\n", strings.Repeat("很长的名字", 40)}
	pick := func(r *rand.Rand) string { return pool[r.Intn(len(pool))] }
	list := func(r *rand.Rand) []string {
		n := r.Intn(4)
		if n == 0 && r.Intn(2) == 0 {
			return nil
		}
		out := make([]string, n)
		for i := range out {
			out[i] = pick(r)
		}
		return out
	}
	// The same formats under the name a custom format gets: they run the template.
	slow := map[string]*template.Template{}
	fast := map[string]*template.Template{}
	for _, f := range []string{DefaultCreditsFormat, DefaultBylineFormat} {
		tt, err := template.New("credits").Funcs(creditFuncs).Option("missingkey=error").Parse(f)
		if err != nil {
			t.Fatal(err)
		}
		slow[f] = tt
		if fast[f], err = parseCredits(f); err != nil {
			t.Fatal(err)
		}
		if fast[f].Name() == "credits" {
			t.Fatalf("the default format %.30q does not take the fast path", f)
		}
	}
	r := rand.New(rand.NewSource(15))
	tooLong := 0
	for i := 0; i < 5000; i++ {
		a := &Article{ID: uint64(i), Source: pick(r), Authors: list(r), Photographers: list(r)}
		for n := r.Intn(4); n > 0; n-- {
			role := RoleReviewer
			if r.Intn(3) == 0 {
				role = RoleChief
			}
			a.Approvals = append(a.Approvals, Approval{Stage: pick(r), Role: role, Label: pick(r), Login: pick(r), Display: pick(r)})
		}
		for f := range slow {
			want, werr := creditsLine(slow[f], a)
			got, gerr := creditsLine(fast[f], a)
			if got != want || (werr == nil) != (gerr == nil) {
				t.Fatalf("article %+v, format %.30q:\ntemplate %q (%v)\nfast     %q (%v)", a, f, want, werr, got, gerr)
			}
			if werr != nil {
				if !errors.Is(gerr, errCreditsTooLong) || werr.Error() != gerr.Error() {
					t.Fatalf("too long: template %v, fast %v", werr, gerr)
				}
				tooLong++
			}
		}
	}
	if tooLong == 0 {
		t.Fatal("no generated record made a line over MaxCreditsLine")
	}
	// A custom format still runs its template.
	ct, err := parseCredits(`审核:{{join .Reviewers "、"}}`)
	if err != nil {
		t.Fatal(err)
	}
	line, err := creditsLine(ct, &Article{Approvals: []Approval{{Role: RoleReviewer, Display: "王音"}}})
	if err != nil || line != "审核:王音" {
		t.Fatalf("custom format: %q, %v", line, err)
	}
}
