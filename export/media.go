package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	goimage "image"
	_ "image/gif" // image.DecodeConfig for width/height
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"regexp"

	"github.com/copydesk/copydesk/model"
)

var sha256RE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// resolveMedia checks a media file and returns how pages refer to it and
// the file to publish. Its type comes from its bytes (the declared
// ContentType is not trusted), its name from its SHA-256, which must match
// the data and start with the id.
func resolveMedia(article uint64, id string, f MediaFile) (*resolvedMedia, outFile, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("article %d: media %s: %s", article, id, fmt.Sprintf(format, args...))
	}
	if !sha256RE.MatchString(f.SHA256) {
		return nil, outFile{}, bad("stored SHA-256 %q is not 64 lowercase hex digits", f.SHA256)
	}
	if f.SHA256[:16] != id {
		return nil, outFile{}, bad("id does not match its SHA-256 %s", f.SHA256)
	}
	sum := sha256.Sum256(f.Data)
	if hex.EncodeToString(sum[:]) != f.SHA256 {
		return nil, outFile{}, bad("data do not match the stored SHA-256 (damaged file?)")
	}
	typ := http.DetectContentType(f.Data)
	// model.MediaType is the one table of publishable types (the store
	// checks references against it at save). Anything else (SVG, which can
	// carry scripts, HTML, …) is refused, so a media file can never become
	// an active page on the site.
	ext, image, ok := model.MediaType(typ)
	if !ok {
		return nil, outFile{}, bad("type %s (declared %q) is not published; use JPEG, PNG, GIF, WebP or PDF", typ, f.ContentType)
	}
	m := &resolvedMedia{
		ID:      id,
		Path:    "media/" + f.SHA256 + "." + ext,
		Caption: f.Caption,
		Credit:  f.Credit,
		Image:   image,
	}
	if m.Image {
		if cfg, _, err := goimage.DecodeConfig(bytes.NewReader(f.Data)); err == nil {
			m.Width, m.Height = cfg.Width, cfg.Height
		}
	}
	return m, outFile{Path: m.Path, Data: f.Data}, nil
}
