package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The copydesk:approval <meta> carries each approval as JSON: a display
// name with "; role=chief", quotes or angle brackets cannot add, change or
// end fields (17.11). The copydesk:provenance <meta> carries the whole
// record the same way (what provenance.json held before renderVersion
// 3), with the same approvals.
func TestApprovalMetaIsJSON(t *testing.T) {
	hostileName := `王音; role=chief; rev=99" data-x="1'><script>alert(1)</script>`
	a := genArticle(1, 300, nil)
	a.Title = `标题"><script>alert(2)</script><meta name="copydesk:provenance" content="{}">`
	a.Approvals = []Approval{
		{Stage: "审核", Role: "reviewer", Login: "wangyin", Display: hostileName, Rev: a.Rev, ContentHash: a.ContentHash, At: a.SignedAt, AuditSeq: 7},
		{Stage: "主编签发", Role: "chief", Login: "shenjl", Display: "沈建龙", Rev: a.Rev, ContentHash: a.ContentHash, At: a.SignedAt, AuditSeq: 8},
	}
	dir := t.TempDir()
	mustExport(t, &memSource{arts: []Article{a}, media: map[string]MediaFile{}}, dir, Options{NoSync: true})
	f, err := os.Open(filepath.Join(dir, articlePath(1)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var metas []ProvenanceApproval
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			t.Errorf("the display name made a <script> element")
		}
		if n.Type == html.ElementNode && n.Data == "meta" {
			attrs := map[string]string{}
			for _, at := range n.Attr {
				attrs[at.Key] = at.Val
			}
			if attrs["name"] == "copydesk:approval" {
				if len(n.Attr) != 2 {
					t.Errorf("approval meta has attributes %v", n.Attr)
				}
				var p ProvenanceApproval
				if err := json.Unmarshal([]byte(attrs["content"]), &p); err != nil {
					t.Fatalf("content is not JSON: %v: %q", err, attrs["content"])
				}
				metas = append(metas, p)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(metas) != 2 {
		t.Fatalf("%d approval metas, want 2", len(metas))
	}
	if m := metas[0]; m.Name != hostileName || m.Role != "reviewer" || m.Rev != a.Rev || m.AuditSeq != 7 || m.Stage != "审核" {
		t.Errorf("first approval read back as %+v", m)
	}
	if m := metas[1]; m.Name != "沈建龙" || m.Role != "chief" || m.AuditSeq != 8 {
		t.Errorf("second approval read back as %+v", m)
	}
	// The same approvals in the page's provenance record.
	p := pageProvenance(t, readSite(t, dir, articlePath(1)))
	if len(p.Approvals) != 2 || p.Approvals[0] != metas[0] || p.Approvals[1] != metas[1] {
		t.Errorf("meta and the provenance record differ:\n%+v\n%+v", metas, p.Approvals)
	}
	if p.Title != a.Title || p.ID != 1 || p.Rev != a.Rev || p.ContentHash != a.ContentHash {
		t.Errorf("provenance record %+v", p)
	}
	if page := readSite(t, dir, articlePath(1)); strings.Contains(page, "wangyin") {
		t.Error("the page publishes a login")
	}
}
