package export

import (
	"encoding/json"
	"errors"
	"io/fs"

	"github.com/copydesk/copydesk/locale"
)

// manifestVersion is the version of the JSON manifest format
// (.copydesk-manifest.json of earlier copydesk, Publish's target records).
const manifestVersion = 1

// Manifest is what an export knows of the site it wrote, kept in the
// manifest log (.copydesk-manifest.log, manifestlog.go) and updated last by
// every export. Files maps each output path to the SHA-256 (hex)
// of its content; Articles records, per article id, the render key and the
// files the article produced, so an unchanged article is not rendered
// again; Pages does the same for index pages, the feed and the sitemap
// (path → render key).
type Manifest struct {
	Version  int                        `json:"version"`            // format, 1
	Site     string                     `json:"site,omitempty"`     // site key (theme + options)
	Files    map[string]string          `json:"files"`              // path → SHA-256 hex
	Articles map[string]ManifestArticle `json:"articles,omitempty"` // article id → render record
	Pages    map[string]string          `json:"pages,omitempty"`    // list page path → render key
}

// ManifestArticle is one article's entry in a Manifest.
type ManifestArticle struct {
	Key   string   `json:"key"`   // render key (articleKey)
	Files []string `json:"files"` // page and media, sorted
	// Summary is the article's summary as rendered with Key, so index
	// pages and the feed list an unchanged article without its body.
	Summary string `json:"summary,omitempty"`
	// Cache is the body's render cache key, so an export can prune the
	// cache without reading the bodies of unchanged articles.
	Cache string `json:"cache,omitempty"`
	// Pub is what the article's page publishes that SiteArticles reports:
	// a JSON object {"rev", "content_hash", "url"} (pubRecord). A site
	// exported before the provenance moved into the page has a render
	// key here (the field was the sidecar's key) and a provenance.json
	// beside the page, which SiteArticles reads instead.
	Pub string `json:"pub,omitempty"`
}

// pendingMarker is the content of .copydesk-pending.json, present only
// while files are being replaced: the paths it lists may hold content that
// the manifest does not describe.
type pendingMarker struct {
	Paths []string `json:"paths"`
}

// isHexHash tells whether h is 64 lowercase hex digits (a regexp costs a
// few milliseconds over a large manifest).
func isHexHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func newManifest() *Manifest {
	return &Manifest{Version: manifestVersion, Files: map[string]string{}, Articles: map[string]ManifestArticle{}, Pages: map[string]string{}}
}

// parseManifest decodes and checks a manifest in the JSON format of
// copydesk before the manifest log (.copydesk-manifest.json; still the
// format of Publish's target records).
func parseManifest(b []byte) (*Manifest, error) {
	m := newManifest()
	if err := json.Unmarshal(b, m); err != nil {
		return nil, err
	}
	if m.Version != manifestVersion {
		return nil, locale.NewError("ExportManifestVersion", locale.Args{"Ver": m.Version})
	}
	if m.Files == nil {
		m.Files = map[string]string{}
	}
	if m.Articles == nil {
		m.Articles = map[string]ManifestArticle{}
	}
	if m.Pages == nil {
		m.Pages = map[string]string{}
	}
	return m, m.check()
}

// check refuses a manifest naming a path that validPath refuses or a
// hash that is not 64 lowercase hex digits.
func (m *Manifest) check() error {
	for p, h := range m.Files {
		if err := validPath(p); err != nil {
			return err
		}
		if !isHexHash(h) {
			return locale.NewError("ExportManifestHash", locale.Args{"Path": p, "Hash": h})
		}
	}
	return nil
}

// readPending returns the paths of an interrupted run, or nil.
func readPending(w *siteWriter) ([]string, error) {
	raw, err := w.readFile(pendingName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, locale.NewError("ExportReadFile", locale.Args{"Path": pendingName, "Err": err}, err)
	}
	var p pendingMarker
	if err := json.Unmarshal(raw, &p); err != nil {
		// A damaged marker: distrust the whole manifest.
		return []string{"*"}, nil
	}
	return p.Paths, nil
}

// distrust forgets what m says about paths (an interrupted run may have
// replaced them): their hashes become unknown, so they are rewritten or
// removed, and the articles that own them are rendered again. "*" means
// every path.
func (m *Manifest) distrust(paths []string) {
	all := false
	bad := map[string]bool{}
	for _, p := range paths {
		if p == "*" {
			all = true
		}
		bad[p] = true
	}
	for p := range m.Files {
		if all {
			m.Files[p] = ""
		}
	}
	for p := range bad {
		if validPath(p) == nil {
			m.Files[p] = "" // also new files of that run: removed unless produced
		}
	}
	for p := range m.Pages {
		if all || bad[p] {
			delete(m.Pages, p)
		}
	}
	for id, a := range m.Articles {
		for _, f := range a.Files {
			if all || bad[f] {
				delete(m.Articles, id)
				break
			}
		}
	}
}

// has tells whether the manifest knows the hash of every path.
func (m *Manifest) has(paths []string) bool {
	for _, p := range paths {
		if m.Files[p] == "" {
			return false
		}
	}
	return len(paths) > 0
}

// filesRecord is the JSON record of the files m lists (version and
// path → hash), as Publish keeps it of what a target has. Equal file sets
// give equal bytes (encoding/json sorts map keys).
func (m *Manifest) filesRecord() ([]byte, error) {
	b, err := json.Marshal(Manifest{Version: manifestVersion, Files: m.Files})
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
