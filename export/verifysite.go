package export

import (
	"errors"
	"io/fs"
	"os"
	"sort"

	"github.com/copydesk/copydesk/locale"
)

// SiteProblem is one file of an exported site that is not what the
// export wrote: Err is a catalogued error naming Path (ExportSiteMissing,
// ExportSiteNotFile, ExportSiteChanged).
type SiteProblem struct {
	Path string
	Err  error
}

// VerifySite checks the site exported into dir against its manifest
// (.copydesk-manifest.log): every file listed must be there as a regular
// file (no symlink followed: the site is opened as an os.Root) whose
// SHA-256 is the manifest's. It returns how many files were checked and
// the problems, sorted by path; a plain export restores a missing file or
// a symlink, an edit in place needs export --force. Files the manifest
// does not list (a web server's own, foreign files) are not judged: they
// are never published. err: dir cannot be opened, has no manifest
// (ExportSiteNoManifest) or a damaged one. Work: one read of every file.
func VerifySite(dir string) (files int, problems []SiteProblem, err error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return 0, nil, locale.NewError("ExportSiteUnreadable", locale.Args{"Dir": dir, "Err": err}, err)
	}
	defer root.Close()
	m, err := readSiteManifest(root)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil, locale.NewError("ExportSiteNoManifest", locale.Args{"Dir": dir})
	}
	if err != nil {
		return 0, nil, err
	}
	paths := make([]string, 0, len(m.Files))
	for p := range m.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if validPath(p) != nil {
			continue // never in a manifest an export wrote; not opened
		}
		files++
		fi, err := root.Lstat(p)
		switch {
		case err != nil:
			problems = append(problems, SiteProblem{p, locale.NewError("ExportSiteMissing", locale.Args{"Path": p}, err)})
			continue
		case !fi.Mode().IsRegular():
			problems = append(problems, SiteProblem{p, locale.NewError("ExportSiteNotFile", locale.Args{"Path": p})})
			continue
		}
		data, err := root.ReadFile(p)
		if err != nil {
			problems = append(problems, SiteProblem{p, locale.NewError("ExportSiteMissing", locale.Args{"Path": p}, err)})
			continue
		}
		if hashOf(data) != m.Files[p] {
			problems = append(problems, SiteProblem{p, locale.NewError("ExportSiteChanged", locale.Args{"Path": p})})
		}
	}
	return files, problems, nil
}
