package model

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
	"time"
)

// MaxMediaBytes is the largest media file accepted (a press photo).
const MaxMediaBytes = 32 << 20

// Media is a stored photo or file, referenced from Markdown as media:ID.
type Media struct {
	ID      string    `json:"id"`     // first 16 hex digits of the SHA-256
	SHA256  string    `json:"sha256"` // full hex digest of the data
	Name    string    `json:"name"`   // original file name (base name only)
	Type    string    `json:"type"`   // MIME type
	Size    int64     `json:"size"`
	Caption string    `json:"caption,omitempty"`
	Credit  string    `json:"credit,omitempty"` // photographer
	By      string    `json:"by"`
	Added   time.Time `json:"added"`
}

// MediaID returns the id and full digest of data.
func MediaID(data []byte) (id, digest string) {
	sum := sha256.Sum256(data)
	digest = hex.EncodeToString(sum[:])
	return digest[:16], digest
}

// Ref is how Markdown refers to the media: ![caption](media:ID).
func (m *Media) Ref() string {
	return "![" + strings.ReplaceAll(m.Caption, "]", "］") + "](media:" + m.ID + ")"
}

// CleanMediaName reduces a user-given file name to a safe base name: no
// directories, no "..", no control characters.
func CleanMediaName(name string) (string, error) {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	if name == "." || name == ".." || name == "/" || strings.HasPrefix(name, ".") {
		return "", fieldMsg("name", "ErrMediaName", map[string]any{"Value": name}, "%q is not a usable file name", name)
	}
	if err := checkLine("name", name, 120, true); err != nil {
		return "", err
	}
	return name, nil
}

// Validate checks the media's text fields.
func (m *Media) Validate() error {
	if err := checkLine("caption", m.Caption, MaxLineRunes, false); err != nil {
		return err
	}
	return checkLine("credit", m.Credit, 64, false)
}

// CreditedPhotographers is who the credits line names after 摄 (DESIGN.md:
// the credits line is generated from the record, photographers included):
// the article's own 摄影 when it names anyone; otherwise the credits of the
// photos the article shows (media add --credit), taken from c.Media (the
// references of the body in order of first appearance), each name once.
// media looks up a stored record by id and returns nil when it is unknown;
// files that are not images (a linked PDF) credit no photographer. A
// credit naming several people (张三、李四) gives each of them.
func (c *Content) CreditedPhotographers(media func(id string) *Media) []string {
	if len(c.Photographers) > 0 || len(c.Media) == 0 || media == nil {
		return c.Photographers
	}
	var out []string
	seen := map[string]bool{}
	for _, ref := range c.Media {
		id, _, _ := strings.Cut(ref, ":")
		m := media(id)
		if m == nil || m.Credit == "" {
			continue
		}
		if _, image, ok := MediaType(m.Type); !ok || !image {
			continue
		}
		for _, name := range strings.FieldsFunc(m.Credit, func(r rune) bool { return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' }) {
			if name = CanonicalLine(name); name != "" && !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out
}
