package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// A site target's public address and the base-url setting go through one
// check (store.CheckSiteURL) whoever calls: a bad one is a typed
// model.ErrInvalid and nothing is stored; a good one is stored ending in
// "/" and audited; only an admin adds targets.
func TestSiteTargetURLStored(t *testing.T) {
	st, _ := newOffice(t)
	for _, bad := range []string{"news.example.edu.cn", "ftp://x.cn/", "javascript:alert(1)", "https://u:p@x.cn/",
		"https://x.cn/?q", "https://x.cn/#f", "https:///p", "http://x.cn/a\nb", "https://x.cn/" + strings.Repeat("a", store.MaxSiteURL)} {
		err := st.AddTarget(admin, "web", "/srv/www", bad)
		var fe *model.FieldError
		if !errors.Is(err, model.ErrInvalid) || !errors.As(err, &fe) || !strings.HasPrefix(fe.MessageID(), "ErrSiteURL") {
			t.Errorf("AddTarget url %q: %v", bad, err)
		}
		if err := st.SetSettings(admin, store.SiteSettings{BaseURL: bad}); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("SetSettings base-url %q: %v", bad, err)
		}
	}
	if list, _ := st.Targets(); len(list) != 0 {
		t.Fatalf("refused targets stored: %+v", list)
	}
	if err := st.AddTarget(shenjl, "web", "/srv/www", "https://news.example.edu.cn"); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a chief added a target: %v", err)
	}
	if err := st.AddTarget(admin, "web", "/srv/www", "https://news.example.edu.cn"); err != nil {
		t.Fatal(err)
	}
	if err := st.AddTarget(admin, "mirror", "/srv/mirror", ""); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSettings(admin, store.SiteSettings{BaseURL: "http://xw.example.edu.cn/site"}); err != nil {
		t.Fatal(err)
	}
	set, _ := st.Settings()
	list, _ := st.Targets()
	if len(list) != 2 || list[0].URL != "https://news.example.edu.cn/" || list[0].BaseURL(set) != "https://news.example.edu.cn/" ||
		list[1].URL != "" || list[1].BaseURL(set) != "http://xw.example.edu.cn/site/" {
		t.Fatalf("targets %+v, settings %+v", list, set)
	}
	var details []string
	if _, err := st.AuditSince(0, 1000, func(r model.AuditRecord) error {
		details = append(details, r.Detail)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(details, "\n")
	if !strings.Contains(all, "add web → /srv/www (https://news.example.edu.cn/)") || !strings.Contains(all, `"base_url":"http://xw.example.edu.cn/site/"`) {
		t.Fatalf("audit lacks the addresses:\n%s", all)
	}
	if err := st.RemoveTarget(admin, "web"); err != nil {
		t.Fatal(err)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %v %v", rep.Problems, err)
	}
}
