package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	goimage "image"
	_ "image/gif" // image.DecodeConfig for width/height
	_ "image/jpeg"
	_ "image/png"
	"net/http"
	"regexp"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

var sha256RE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// resolveMedia checks a media file and returns how pages refer to it and
// the file to publish. Its type comes from its bytes (the declared
// ContentType is not trusted), its name from its SHA-256, which must match
// the data and start with the id.
func resolveMedia(article uint64, id string, f MediaFile) (*resolvedMedia, outFile, error) {
	bad := func(err error) error {
		return locale.NewError("ExportMedia", locale.Args{"ID": article, "Media": id, "Err": err}, err)
	}
	if !sha256RE.MatchString(f.SHA256) {
		return nil, outFile{}, bad(locale.NewError("MediaBadHash", locale.Args{"Hash": f.SHA256}))
	}
	if f.SHA256[:16] != id {
		return nil, outFile{}, bad(locale.NewError("MediaIDMismatch", locale.Args{"Hash": f.SHA256}))
	}
	sum := sha256.Sum256(f.Data)
	if hex.EncodeToString(sum[:]) != f.SHA256 {
		return nil, outFile{}, bad(locale.NewError("MediaDamaged", nil))
	}
	typ := http.DetectContentType(f.Data)
	// model.MediaType is the one table of publishable types (the store
	// checks references against it at save). Anything else (SVG, which can
	// carry scripts, HTML, …) is refused, so a media file can never become
	// an active page on the site.
	ext, image, ok := model.MediaType(typ)
	if !ok {
		return nil, outFile{}, bad(locale.NewError("MediaType", locale.Args{"Kind": typ, "Value": f.ContentType}))
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
